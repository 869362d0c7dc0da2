package dev.ledgerloop.events.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LeafInputTest {
    @Test
    void the_leaf_is_the_canonical_json_of_the_record_without_the_clients_trace_ids() {
        byte[] metadata =
                ("{\"spaceId\":\"s\",\"sequence\":3,\"$traceId\":\"t\",\"actor\":{\"kind\":\"agent\",\"id\":\"a\"},"
                                + "\"hash\":\"ab\"}")
                        .getBytes(StandardCharsets.UTF_8);
        byte[] leaf = LeafInput.of(
                "session-1",
                3,
                UUID.fromString("00000000-0000-0000-0000-000000000001"),
                "MessageSent",
                metadata,
                "abc".getBytes(StandardCharsets.UTF_8));

        assertThat(new String(leaf, StandardCharsets.UTF_8))
                .isEqualTo("{\"dataSha256\":\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\","
                        + "\"eventId\":\"00000000-0000-0000-0000-000000000001\","
                        + "\"metadata\":{\"actor\":{\"id\":\"a\",\"kind\":\"agent\"},\"hash\":\"ab\",\"sequence\":3,"
                        + "\"spaceId\":\"s\"},\"revision\":3,\"stream\":\"session-1\",\"type\":\"MessageSent\"}");
    }

    @Test
    void metadata_that_is_not_a_json_object_is_refused() {
        assertThatThrownBy(() -> LeafInput.of(
                        "s-1", 0, UUID.randomUUID(), "T", "[1]".getBytes(StandardCharsets.UTF_8), new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
