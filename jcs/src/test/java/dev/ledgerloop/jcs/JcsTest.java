package dev.ledgerloop.jcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JcsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void strings_are_escaped_as_rfc_8785_says() throws Exception {
        String json =
                "{\"b\":\"\\u20ac$\\u000f\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\"a\":\"\\u2028\\ud83d\\ude00\"}";
        String canonical = new String(Jcs.write(MAPPER.readTree(json)), StandardCharsets.UTF_8);

        assertThat(canonical)
                .isEqualTo("{\"a\":\"\u2028\ud83d\ude00\",\"b\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void keys_sort_by_utf16_code_units() throws Exception {
        // RFC 8785 §3.2.3's example of sorting: code units, not code points (U+1F600 sorts before U+FB33).
        String json =
                "{\"\\u20ac\":1,\"\\r\":2,\"\\ufb33\":3,\"1\":4,\"\\ud83d\\ude00\":5,\"\\u0080\":6,\"\\u00f6\":7}";
        String canonical = new String(Jcs.write(MAPPER.readTree(json)), StandardCharsets.UTF_8);

        assertThat(canonical)
                .isEqualTo("{\"\\r\":2,\"1\":4,\"\u0080\":6,\"\u00f6\":7,\"\u20ac\":1,\"\ud83d\ude00\":5,"
                        + "\"\ufb33\":3}");
    }

    @Test
    void numbers_outside_the_exact_integers_are_refused() throws Exception {
        assertThatThrownBy(() -> Jcs.write(MAPPER.readTree("{\"a\":1.5}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Jcs.write(MAPPER.readTree("{\"a\":9007199254740993}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Jcs.write(MAPPER.readTree("{\"a\":-9007199254740992,\"b\":true,\"c\":null,\"d\":[1,\"x\"]}")))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("{\"a\":-9007199254740992,\"b\":true,\"c\":null,\"d\":[1,\"x\"]}");
    }
}
