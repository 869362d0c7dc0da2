package dev.ledgerloop.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventRecordCodecTest {

    @Test
    void a_uuid_message_identifier_is_the_event_id() {
        UUID id = UUID.randomUUID();

        assertThat(EventRecordCodec.eventIdOf(id.toString())).isEqualTo(id);
    }

    @Test
    void any_other_identifier_gets_the_same_name_based_id_every_time() {
        UUID first = EventRecordCodec.eventIdOf("order-42/event-7");

        assertThat(EventRecordCodec.eventIdOf("order-42/event-7")).isEqualTo(first);
        assertThat(EventRecordCodec.eventIdOf("order-42/event-8")).isNotEqualTo(first);
        assertThat(first.version()).isEqualTo(3);
    }

    @Test
    void a_short_form_that_java_would_parse_is_not_taken_for_a_uuid() {
        assertThat(EventRecordCodec.eventIdOf("1-2-3-4-5"))
                .isEqualTo(UUID.nameUUIDFromBytes("1-2-3-4-5".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
