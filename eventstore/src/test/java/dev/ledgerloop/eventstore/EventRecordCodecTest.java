package dev.ledgerloop.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventRecordCodecTest {

    @Test
    void aUuidMessageIdentifierIsTheEventId() {
        UUID id = UUID.randomUUID();

        assertThat(EventRecordCodec.eventIdOf(id.toString())).isEqualTo(id);
    }

    @Test
    void anyOtherIdentifierGetsTheSameNameBasedIdEveryTime() {
        UUID first = EventRecordCodec.eventIdOf("order-42/event-7");

        assertThat(EventRecordCodec.eventIdOf("order-42/event-7")).isEqualTo(first);
        assertThat(EventRecordCodec.eventIdOf("order-42/event-8")).isNotEqualTo(first);
        assertThat(first.version()).isEqualTo(3);
    }

    @Test
    void aShortFormThatJavaWouldParseIsNotTakenForAUuid() {
        assertThat(EventRecordCodec.eventIdOf("1-2-3-4-5"))
                .isEqualTo(UUID.nameUUIDFromBytes("1-2-3-4-5".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
