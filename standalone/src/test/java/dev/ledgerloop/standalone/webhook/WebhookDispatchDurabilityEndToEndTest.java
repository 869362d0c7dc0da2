package dev.ledgerloop.standalone.webhook;

import static dev.ledgerloop.standalone.fixture.Waits.patiently;
import static dev.ledgerloop.standalone.webhook.WebhookReceiver.always;
import static dev.ledgerloop.standalone.webhook.Webhooks.deliveryMade;
import static dev.ledgerloop.standalone.webhook.Webhooks.dispatcher;
import static dev.ledgerloop.standalone.webhook.Webhooks.endpoint;
import static dev.ledgerloop.standalone.webhook.Webhooks.openSessionsAtOnce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.command.delivery.DeliveryCommand.CreateDelivery;
import dev.ledgerloop.events.session.SessionOpened;
import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Api;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher's deliveries are in the log before the dispatcher's batch commits. The processor stores its token
 * when its batch commits; a delivery appended only then (a command nested in the batch's unit of work) comes after the
 * token, so a crash between the two lost the delivery for good: the restarted dispatcher starts after the event. The
 * crash test found it (docs/testing.md); here the order is checked as the batch commits, with several clients opening
 * sessions at once so that batches hold several events whose deliveries are created side by side.
 */
class WebhookDispatchDurabilityEndToEndTest {
    private static final int CLIENTS = 4;
    private static final int SESSIONS_PER_CLIENT = 10;
    private static final Duration HOLD = Duration.ofMillis(200);

    @TempDir
    Path data;

    @Test
    void every_delivery_of_a_batch_is_appended_before_the_batch_commits() throws Exception {
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0);
                WebhookReceiver receiver = new WebhookReceiver()) {
            String key = system.secrets().bootstrapKeyOnce();
            Api api = Api.gateway(system).withKey(key, "durable");
            String webhookId = api.post(
                            "/v1/admin/webhooks", endpoint(receiver.url("/durable", always(200)), null, null))
                    .expect(201)
                    .id();
            List<Boolean> inTheLogWhenCommitted = new CopyOnWriteArrayList<>();
            // Each delivery of a SessionOpened is held back until its batch commits, or for HOLD at most: a batch that
            // waits for its deliveries commits after HOLD with them in the log, one that does not commits without.
            Map<String, CountDownLatch> heldUntilCommit = new ConcurrentHashMap<>();
            commandBus(system).registerHandlerInterceptor((unitOfWork, chain) -> {
                if (unitOfWork.getMessage().getPayload() instanceof CreateDelivery delivery) {
                    CountDownLatch held = heldUntilCommit.get(delivery.eventId());
                    if (held != null) {
                        held.await(HOLD.toMillis(), TimeUnit.MILLISECONDS);
                    }
                }
                return chain.proceed();
            });
            dispatcher(system).registerHandlerInterceptor((unitOfWork, chain) -> {
                EventMessage<?> event = unitOfWork.getMessage();
                if (event.getPayload() instanceof SessionOpened) {
                    heldUntilCommit.put(event.getIdentifier(), new CountDownLatch(1));
                    List<String> opened = unitOfWork.getOrComputeResource("opened sessions", name -> {
                        List<String> ids = new ArrayList<>();
                        unitOfWork.onPrepareCommit(batch -> ids.forEach(id -> {
                            inTheLogWhenCommitted.add(deliveryMade(system, id, webhookId));
                            heldUntilCommit.get(id).countDown();
                        }));
                        return ids;
                    });
                    opened.add(event.getIdentifier());
                }
                return chain.proceed();
            });

            openSessionsAtOnce(system, key, "durable", CLIENTS, SESSIONS_PER_CLIENT);

            int sessions = CLIENTS * SESSIONS_PER_CLIENT;
            patiently().until(() -> inTheLogWhenCommitted.size() >= sessions);
            assertThat(inTheLogWhenCommitted).containsOnly(true);
            patiently().until(() -> receiver.received("/durable").size() == sessions);
        }
    }

    @Test
    void an_event_whose_delivery_cannot_be_created_parks_and_the_others_are_delivered() throws Exception {
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0);
                WebhookReceiver receiver = new WebhookReceiver()) {
            String key = system.secrets().bootstrapKeyOnce();
            Api healthy = Api.gateway(system).withKey(key, "healthy");
            Api poisoned = Api.gateway(system).withKey(key, "poisoned");
            healthy.post("/v1/admin/webhooks", endpoint(receiver.url("/parking", always(200)), null, null))
                    .expect(201);
            UUID poisonedAgent = UUID.fromString(poisoned.agentId());
            commandBus(system).registerHandlerInterceptor((unitOfWork, chain) -> {
                if (unitOfWork.getMessage().getPayload() instanceof CreateDelivery delivery
                        && poisonedAgent.equals(delivery.agentId())) {
                    throw new IllegalStateException("This agent's deliveries cannot be created");
                }
                return chain.proceed();
            });

            String first = healthy.openSession();
            String stuck = poisoned.openSession();
            String later = healthy.openSession();

            patiently().untilAsserted(() -> assertThat(parkedByTheDispatcher(healthy))
                    .containsExactly("SessionOpened"));
            patiently().untilAsserted(() -> assertThat(receiver.received("/parking"))
                    .extracting(WebhookReceiver.Received::body)
                    .anySatisfy(body -> assertThat(body).contains(first))
                    .anySatisfy(body -> assertThat(body).contains(later))
                    .noneSatisfy(body -> assertThat(body).contains(stuck)));
        }
    }

    /** The event types the webhook dispatcher has parked (docs/replay.md). */
    private static List<String> parkedByTheDispatcher(Api owner) throws Exception {
        List<String> types = new ArrayList<>();
        owner.get("/v1/admin/parked-events?limit=50")
                .expect(200)
                .body()
                .get("data")
                .forEach(letter -> {
                    if (letter.get("processor").asText().equals("webhook-dispatcher")) {
                        types.add(letter.get("eventType").asText());
                    }
                });
        return types;
    }

    private static CommandBus commandBus(LedgerloopSystem system) {
        return system.backendContexts().get(0).getBean(CommandBus.class);
    }
}
