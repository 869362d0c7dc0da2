package dev.ledgerloop.command.delivery;

import dev.ledgerloop.command.NoSessionKeys;
import dev.ledgerloop.command.delivery.DeliveryCommand.CreateDelivery;
import dev.ledgerloop.command.delivery.DeliveryCommand.RecordAttempt;
import dev.ledgerloop.command.delivery.DeliveryCommand.RetryDelivery;
import dev.ledgerloop.events.delivery.DeliveryAttempted;
import dev.ledgerloop.events.delivery.DeliveryCreated;
import dev.ledgerloop.events.delivery.DeliveryExhausted;
import dev.ledgerloop.events.delivery.DeliveryFailed;
import dev.ledgerloop.events.delivery.DeliveryRetriedManually;
import dev.ledgerloop.events.delivery.DeliverySucceeded;
import dev.ledgerloop.service.domain.DomainException;
import dev.ledgerloop.service.events.EventContext;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Delivery aggregate's rules, given past events, when a command, then events or an error. */
class DeliveryTest {
    private static final UUID SPACE = UUID.randomUUID();
    private static final UUID DELIVERY = UUID.randomUUID();
    private static final UUID WEBHOOK = UUID.randomUUID();
    private static final UUID AGENT = UUID.randomUUID();
    private static final UUID REQUEST = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-03-25T10:30:00Z");
    private static final MetaData SYSTEM = EventContext.system(SPACE, "webhook-sender");

    private FixtureConfiguration<Delivery> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Delivery.class);
        fixture.registerInjectableResource(NoSessionKeys.seals());
    }

    @Test
    void the_dispatcher_creates_a_delivery_with_its_payload() {
        fixture.givenNoPriorActivity()
                .when(new CreateDelivery(DELIVERY, WEBHOOK, AGENT, "event-1", "session.created", "{}"), SYSTEM)
                .expectEvents(new DeliveryCreated(DELIVERY, WEBHOOK, AGENT, "event-1", "session.created", "{}"));
    }

    @Test
    void a_2xx_answer_records_the_attempt_and_its_success() {
        fixture.given(created())
                .when(attempt(1, 204, null, null, null), SYSTEM)
                .expectEvents(
                        new DeliveryAttempted(DELIVERY, 1, REQUEST, AT),
                        new DeliverySucceeded(DELIVERY, WEBHOOK, AGENT, 1, 204, 12))
                .expectResultMessagePayload(true);
    }

    @Test
    void a_failure_with_a_next_attempt_schedules_it() {
        Instant next = AT.plusSeconds(5);
        fixture.given(created())
                .when(attempt(1, 500, null, next, null), SYSTEM)
                .expectEvents(
                        new DeliveryAttempted(DELIVERY, 1, REQUEST, AT),
                        new DeliveryFailed(DELIVERY, WEBHOOK, AGENT, 1, 500, null, 12, "oops", next));
    }

    @Test
    void a_failure_without_a_next_attempt_exhausts_the_delivery() {
        fixture.given(created())
                .when(attempt(1, null, "timeout", null, "The retry schedule is exhausted"), SYSTEM)
                .expectEvents(
                        new DeliveryAttempted(DELIVERY, 1, REQUEST, AT),
                        new DeliveryFailed(DELIVERY, WEBHOOK, AGENT, 1, null, "timeout", 12, "oops", null),
                        new DeliveryExhausted(DELIVERY, WEBHOOK, AGENT, "The retry schedule is exhausted"));
    }

    @Test
    void an_attempt_reported_twice_is_recorded_once() {
        fixture.given(created(), new DeliveryAttempted(DELIVERY, 1, REQUEST, AT))
                .when(attempt(1, 200, null, null, null), SYSTEM)
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void an_exhausted_delivery_is_retried_by_its_agent() {
        fixture.given(created(), new DeliveryExhausted(DELIVERY, WEBHOOK, AGENT, "gone"))
                .when(new RetryDelivery(DELIVERY, AGENT), SYSTEM)
                .expectEvents(new DeliveryRetriedManually(DELIVERY, WEBHOOK));
    }

    @Test
    void another_agent_cannot_retry_it_and_a_delivery_with_attempts_scheduled_is_not_retried() {
        fixture.given(created(), new DeliveryExhausted(DELIVERY, WEBHOOK, AGENT, "gone"))
                .when(new RetryDelivery(DELIVERY, UUID.randomUUID()), SYSTEM)
                .expectException(DomainException.class)
                .expectExceptionMessage("Delivery " + DELIVERY + " not found");
        fixture.given(created())
                .when(new RetryDelivery(DELIVERY, AGENT), SYSTEM)
                .expectException(DomainException.class);
    }

    private static Object created() {
        return GenericEventMessage.asEventMessage(
                        new DeliveryCreated(DELIVERY, WEBHOOK, AGENT, "event-1", "session.created", "{}"))
                .andMetaData(SYSTEM);
    }

    private static RecordAttempt attempt(
            int attempt, Integer status, String error, Instant nextAttemptAt, String finalReason) {
        return new RecordAttempt(DELIVERY, attempt, REQUEST, AT, status, error, 12, "oops", nextAttemptAt, finalReason);
    }
}
