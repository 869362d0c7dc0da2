package dev.ledgerloop.events;

import static dev.ledgerloop.events.fixtures.Metadata.aStoredMetadata;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventMetadataTest {

    @Test
    void writes_the_stored_contract_canonically() {
        EventMetadata metadata = aStoredMetadata().build();

        assertThat(new String(metadata.toJson(), StandardCharsets.UTF_8))
                .isEqualTo("{\"actor\":{\"id\":\"7d1b6a5e-4c7e-4f62-9d11-2f4f1e0b9a10\",\"kind\":\"agent\"},"
                        + "\"aggregateId\":\"0b6e7a34-9f1d-4c55-8a2e-7d3c1b9f0e42\",\"aggregateType\":\"session\","
                        + "\"causationId\":\"c0ffee00-0000-4000-8000-000000000002\","
                        + "\"correlationId\":\"c0ffee00-0000-4000-8000-000000000001\","
                        + "\"eventId\":\"3f1c2a9e-5b7d-4e8f-a1b2-c3d4e5f60718\","
                        + "\"hash\":\"" + "ab".repeat(32) + "\",\"keyId\":\"key-1\","
                        + "\"occurredAt\":\"2026-03-25T10:30:00.000Z\",\"prevHash\":\"" + "0".repeat(64) + "\","
                        + "\"schemaVersion\":1,\"sequence\":3,\"spaceId\":\"space-1\"}");
    }

    @Test
    void reads_back_what_it_wrote() {
        EventMetadata metadata =
                aStoredMetadata().withActor(Actor.human("user|42")).build();

        assertThat(EventMetadata.fromJson(metadata.toJson())).isEqualTo(metadata);
    }

    @Test
    void leaves_out_what_is_not_set() {
        EventMetadata metadata = aStoredMetadata().withoutCausation().build();

        assertThat(new String(metadata.toJson(), StandardCharsets.UTF_8)).doesNotContain("causationId");
        assertThat(EventMetadata.fromJson(metadata.toJson()).causationId()).isNull();
    }

    @Test
    void keeps_occurred_at_to_the_millisecond() {
        EventMetadata metadata = aStoredMetadata()
                .withOccurredAt(Instant.parse("2026-03-25T10:30:00.123456789Z"))
                .build();

        assertThat(metadata.occurredAt()).isEqualTo(Instant.parse("2026-03-25T10:30:00.123Z"));
        assertThat(new String(metadata.toJson(), StandardCharsets.UTF_8))
                .contains("\"occurredAt\":\"2026-03-25T10:30:00.123Z\"");
    }

    @Test
    void tolerates_properties_added_by_newer_writers() {
        String json = new String(aStoredMetadata().build().toJson(), StandardCharsets.UTF_8)
                .replace("{\"actor\"", "{\"addedLater\":true,\"actor\"");

        assertThat(EventMetadata.fromJson(json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(aStoredMetadata().build());
    }

    @Test
    void refuses_json_with_a_duplicated_property() {
        String json = new String(aStoredMetadata().build().toJson(), StandardCharsets.UTF_8)
                .replace("{\"actor\"", "{\"sequence\":9,\"actor\"");

        assertThatThrownBy(() -> EventMetadata.fromJson(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
