package dev.ledgerloop.command.delivery.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.ledgerloop.command.webhook.TargetUrlPolicy;
import dev.ledgerloop.command.webhook.TestWebhookProperties;
import dev.ledgerloop.command.webhook.WebhookProperties;
import dev.ledgerloop.events.fixtures.InMemoryMongo;
import dev.ledgerloop.service.mongo.GuardedWrites;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every lane the scheduler takes comes back, also when the claim or the start of the attempt throws. */
class DeliverySchedulerTest {
    private static final int MAX_IN_FLIGHT = 4;

    @RegisterExtension
    static final InMemoryMongo MONGO = new InMemoryMongo();

    private final WebhookProperties properties =
            TestWebhookProperties.of(List.of(), List.of(), MAX_IN_FLIGHT, MAX_IN_FLIGHT, MAX_IN_FLIGHT);
    private final DeliveryLanes lanes = new DeliveryLanes(properties, new SimpleMeterRegistry());
    private MongoCollection<Document> scheduled;
    private DeliverySender sender;
    private DeliveryScheduler scheduler;

    @BeforeEach
    void start() {
        MongoDatabase database = MONGO.freshDatabase();
        scheduled = database.getCollection(DeliverySchedule.COLLECTION);
        sender = new DeliverySender(
                null,
                new RetrySchedule(properties),
                new EndpointHealth(database),
                new TargetUrlPolicy(properties),
                properties,
                Clock.systemUTC(),
                new SimpleMeterRegistry());
        scheduler = new DeliveryScheduler(new DeliverySchedule(database), lanes, sender, Clock.systemUTC(), properties);
    }

    @AfterEach
    void stop() {
        scheduler.stop();
        sender.destroy();
    }

    @Test
    void a_claim_that_throws_gives_its_lane_back() {
        UUID webhookId = UUID.randomUUID();
        // The claim is written, then its document cannot be read as a delivery.
        String deliveryId = due(webhookId, "not-a-space-id");

        scheduler.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> claimed(deliveryId));
        assertAllLanesFree(webhookId);
    }

    @Test
    void an_attempt_that_cannot_start_gives_its_lane_back() {
        UUID webhookId = UUID.randomUUID();
        String deliveryId = due(webhookId, UUID.randomUUID().toString());
        // A stopped sender refuses new attempts at once, on the scheduler's thread.
        sender.destroy();

        scheduler.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> claimed(deliveryId));
        assertAllLanesFree(webhookId);
    }

    private void assertAllLanesFree(UUID webhookId) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(lanes.free()).isEqualTo(MAX_IN_FLIGHT);
            assertThat(lanes.busyEndpoints()).isEmpty();
        });
        for (int i = 0; i < MAX_IN_FLIGHT; i++) {
            assertThat(lanes.tryAcquire(webhookId))
                    .as("lane %d of the endpoint", i)
                    .isPresent();
        }
    }

    /** A delivery due now, as the schedule's projection writes one. */
    private String due(UUID webhookId, String spaceId) {
        String deliveryId = UUID.randomUUID().toString();
        scheduled.insertOne(new Document("_id", deliveryId)
                .append(GuardedWrites.VERSION, 1L)
                .append("spaceId", spaceId)
                .append("webhookId", webhookId.toString())
                .append("payload", "{}")
                .append("attempts", 0)
                .append(
                        DeliverySchedule.NEXT_ATTEMPT_AT,
                        Date.from(Instant.now().minusSeconds(1)))
                .append(DeliverySchedule.CLAIMED_UNTIL, null));
        return deliveryId;
    }

    private boolean claimed(String deliveryId) {
        Document delivery = scheduled.find(Filters.eq("_id", deliveryId)).first();
        return delivery != null && delivery.get(DeliverySchedule.CLAIMED_UNTIL) != null;
    }
}
