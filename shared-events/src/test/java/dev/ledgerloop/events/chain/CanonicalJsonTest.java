package dev.ledgerloop.events.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void sorts_keys_at_every_depth_and_drops_whitespace() throws Exception {
        String json = "{ \"b\": [ {\"y\": 1, \"x\": null} ], \"a\": { \"d\": true, \"c\": \"é\\u0001\" } }";

        assertThat(new String(CanonicalJson.write(MAPPER.readTree(json)), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":{\"c\":\"é\\u0001\",\"d\":true},\"b\":[{\"x\":null,\"y\":1}]}");
    }
}
