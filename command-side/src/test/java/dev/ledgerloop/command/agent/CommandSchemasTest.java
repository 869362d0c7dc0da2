package dev.ledgerloop.command.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A registered schema is compiled once and kept, not again for every invocation checked against it. */
class CommandSchemasTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void checking_arguments_twice_against_the_same_schema_uses_one_compiled_schema() {
        // A schema text no other test uses, so that this test compiles it first.
        String schema = "{\"$comment\":\"" + UUID.randomUUID() + "\",\"type\":\"object\","
                + "\"properties\":{\"service\":{\"type\":\"string\",\"pattern\":\"^[a-z]+$\"}}}";

        assertThat(CommandSchemas.violationsOf(json(schema), json("{\"service\":\"billing\"}")))
                .isEmpty();
        JsonSchema compiledFirst = CommandSchemas.compiled(json(schema));
        assertThat(CommandSchemas.violationsOf(json(schema), json("{\"service\":\"Billing!\"}")))
                .singleElement()
                .asString()
                .contains("service");

        assertThat(CommandSchemas.compiled(json(schema))).isSameAs(compiledFirst);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
