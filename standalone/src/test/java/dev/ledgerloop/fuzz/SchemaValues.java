package dev.ledgerloop.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Random;

/**
 * Well-formed values for a schema of the description: an envelope for {@code EncryptedEnvelope}, an enum's constant,
 * the example where there is one, and the fixtures' real ids and names where a property names one (the schema cannot
 * say which user or command exists).
 */
final class SchemaValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ApiDescription description;
    private final Fixtures fixtures;

    SchemaValues(ApiDescription description, Fixtures fixtures) {
        this.description = description;
        this.fixtures = fixtures;
    }

    /** A well-formed value for {@code schema}, a property named {@code name} (null at the top level). */
    JsonNode valid(JsonNode schema, String name, Random random) {
        if ("EncryptedEnvelope".equals(ApiDescription.referenceName(schema))) {
            return Http.JSON.valueToTree(readTree(envelope(random)));
        }
        JsonNode resolved = description.resolve(schema);
        JsonNode known = known(name, resolved, random);
        if (known != null) {
            return known;
        }
        if (resolved == null || resolved.isMissingNode()) {
            return NODES.objectNode();
        }
        if (resolved.has("example") && !resolved.get("example").isNull()) {
            return resolved.get("example").deepCopy();
        }
        if (resolved.has("enum")) {
            JsonNode constants = resolved.get("enum");
            return constants.get(random.nextInt(constants.size())).deepCopy();
        }
        String type = type(resolved);
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                JsonNode properties = resolved.path("properties");
                properties.fieldNames().forEachRemaining(property -> {
                    if (required(resolved, property) || random.nextInt(3) == 0) {
                        object.set(property, valid(properties.get(property), property, random));
                    }
                });
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                array.add(valid(resolved.path("items"), name, random));
                return array;
            }
            case "integer", "number" -> {
                return NODES.numberNode(resolved.path("minimum").asLong(1) + random.nextInt(5));
            }
            case "boolean" -> {
                return NODES.booleanNode(
                        resolved.has("default") ? resolved.get("default").asBoolean() : random.nextBoolean());
            }
            default -> {
                return NODES.textNode(text(resolved, random));
            }
        }
    }

    static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            return type.get(0).asText();
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") ? "object" : "any";
    }

    static boolean required(JsonNode schema, String property) {
        for (JsonNode name : schema.path("required")) {
            if (name.asText().equals(property)) {
                return true;
            }
        }
        return false;
    }

    /** The real thing where a property names one that must exist. */
    private JsonNode known(String name, JsonNode schema, Random random) {
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "userId" -> NODES.textNode("bob");
            case "token" -> NODES.textNode(fixtures.guestToken());
            case "agentId" -> NODES.textNode(fixtures.ownerAgentId());
            case "command" -> NODES.textNode(Fixtures.COMMAND);
            case "url" -> NODES.textNode(Fixtures.WEBHOOK_URL);
            case "enabled" -> NODES.booleanNode(false);
            case "name" ->
                NODES.textNode(
                        schema != null && schema.has("pattern")
                                ? Fixtures.COMMAND
                                : "fuzz-" + Integer.toHexString(random.nextInt()));
            case "role" -> NODES.textNode(random.nextBoolean() ? "member" : "viewer");
            case "agentIds" -> NODES.arrayNode().add(fixtures.ownerAgentId());
            case "arguments", "parameters" -> NODES.objectNode();
            default -> null;
        };
    }

    private static String text(JsonNode schema, Random random) {
        String format = schema.path("format").asText();
        return switch (format) {
            case "date-time" -> "2030-0" + (1 + random.nextInt(9)) + "-15T10:30:00.000Z";
            case "uuid" -> new java.util.UUID(random.nextLong(), random.nextLong()).toString();
            default -> "fuzz" + Integer.toHexString(random.nextInt());
        };
    }

    /** A well-formed envelope (docs/api.md §Encrypted envelope) of random bytes. */
    static String envelope(Random random) {
        return "{\"v\":1,\"alg\":\"X25519-HKDF-SHA256-A256GCM\",\"ciphertext\":\"" + base64(random, 12 + 40 + 16)
                + "\",\"wrappings\":[{\"kid\":\"human-1\",\"epk\":\"" + base64(random, 32) + "\",\"wrappedKey\":\""
                + base64(random, 60) + "\"}]}";
    }

    private static String base64(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static JsonNode readTree(String json) {
        try {
            return Http.JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
