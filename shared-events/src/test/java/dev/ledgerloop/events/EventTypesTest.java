package dev.ledgerloop.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.events.session.SessionClosed;
import dev.ledgerloop.events.session.SessionEvent;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventTypesTest {

    @Test
    void every_session_event_has_a_stored_type() {
        assertThat(EventTypes.all())
                .extracting(type -> (Object) type.recordClass())
                .contains((Object[]) SessionEvent.class.getPermittedSubclasses());
    }

    @Test
    void every_webhook_and_delivery_event_has_a_stored_type() {
        assertThat(EventTypes.all())
                .extracting(type -> (Object) type.recordClass())
                .contains((Object[]) dev.ledgerloop.events.webhook.WebhookEvent.class.getPermittedSubclasses())
                .contains((Object[]) dev.ledgerloop.events.delivery.DeliveryEvent.class.getPermittedSubclasses());
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
