package dev.ledgerloop.events.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LeafInputTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

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
    void strings_are_escaped_as_rfc_8785_says() throws Exception {
        String json =
                "{\"b\":\"\\u20ac$\\u000f\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\"a\":\"\\u2028\\ud83d\\ude00\"}";
        String canonical = new String(JcsJson.write(MAPPER.readTree(json)), StandardCharsets.UTF_8);

        assertThat(canonical)
                .isEqualTo("{\"a\":\"\u2028\ud83d\ude00\",\"b\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void keys_sort_by_utf16_code_units() throws Exception {
        // RFC 8785 §3.2.3's example of sorting: code units, not code points (U+1F600 sorts before U+FB33).
        String json =
                "{\"\\u20ac\":1,\"\\r\":2,\"\\ufb33\":3,\"1\":4,\"\\ud83d\\ude00\":5,\"\\u0080\":6,\"\\u00f6\":7}";
        String canonical = new String(JcsJson.write(MAPPER.readTree(json)), StandardCharsets.UTF_8);

        assertThat(canonical)
                .isEqualTo("{\"\\r\":2,\"1\":4,\"\u0080\":6,\"\u00f6\":7,\"\u20ac\":1,\"\ud83d\ude00\":5,"
                        + "\"\ufb33\":3}");
    }

    @Test
    void numbers_outside_the_exact_integers_are_refused() throws Exception {
        assertThatThrownBy(() -> JcsJson.write(MAPPER.readTree("{\"a\":1.5}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JcsJson.write(MAPPER.readTree("{\"a\":9007199254740993}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(JcsJson.write(MAPPER.readTree("{\"a\":-9007199254740992,\"b\":true,\"c\":null,\"d\":[1,\"x\"]}")))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("{\"a\":-9007199254740992,\"b\":true,\"c\":null,\"d\":[1,\"x\"]}");
    }

    @Test
    void metadata_that_is_not_a_json_object_is_refused() {
        assertThatThrownBy(() -> LeafInput.of(
                        "s-1", 0, UUID.randomUUID(), "T", "[1]".getBytes(StandardCharsets.UTF_8), new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
