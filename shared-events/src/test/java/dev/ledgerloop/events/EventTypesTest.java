package dev.ledgerloop.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.events.agent.AgentEvent;
import dev.ledgerloop.events.apikey.ApiKeyEvent;
import dev.ledgerloop.events.session.SessionClosed;
import dev.ledgerloop.events.session.SessionEvent;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EventTypesTest {

    @Test
    void every_event_of_every_aggregate_has_a_stored_type() {
        assertThat(EventTypes.all())
                .extracting(type -> (Object) type.recordClass())
                .containsExactlyInAnyOrder(Stream.of(
                                SessionEvent.class,
                                AgentEvent.class,
                                ApiKeyEvent.class,
                                dev.ledgerloop.events.invocation.InvocationEvent.class,
                                dev.ledgerloop.events.webhook.WebhookEvent.class,
                                dev.ledgerloop.events.delivery.DeliveryEvent.class,
                                dev.ledgerloop.events.log.LogEvent.class,
                                dev.ledgerloop.events.shredding.ShreddingEvent.class,
                                dev.ledgerloop.events.human.HumanEvent.class,
                                dev.ledgerloop.events.space.SpaceEvent.class,
                                dev.ledgerloop.events.channel.ChannelEvent.class,
                                dev.ledgerloop.events.agentlog.AgentLogEvent.class)
                        .flatMap(aggregate -> Arrays.stream(aggregate.getPermittedSubclasses()))
                        .toArray());
    }

    @Test
    void the_stored_name_is_the_record_name_at_version_1() {
        assertThat(EventTypes.all()).allSatisfy(type -> {
            assertThat(type.name()).isEqualTo(type.recordClass().getSimpleName());
            assertThat(type.schemaVersion()).isEqualTo(1);
        });
    }

    @Test
    void names_map_back_to_their_records() {
        Arrays.stream(SessionEvent.class.getPermittedSubclasses()).forEach(recordClass -> {
            EventType type = EventTypes.of(recordClass.asSubclass(SessionEvent.class));
            assertThat(EventTypes.named(type.name())).contains(type);
        });
        assertThat(EventTypes.of(new SessionClosed(UUID.randomUUID())).name()).isEqualTo("SessionClosed");
        assertThat(EventTypes.named("SessionDeleted")).isEmpty();
    }
}
