package dev.ledgerloop.sdk.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An end-to-end encrypted envelope as the API carries it (docs/api.md "Encrypted envelope"):
 * {@code {"v":1,"alg":"X25519-HKDF-SHA256-A256GCM","ciphertext":…,"wrappings":[{"kid","epk","wrappedKey"}]}}, with
 * the byte strings in standard padded base64. Made by {@link EnvelopeCipher#seal}; read from the API with {@link
 * #fromJson}.
 *
 * @param ciphertext base64 of nonce(12) ‖ AES-256-GCM ciphertext ‖ tag(16)
 * @param wrappings the content key wrapped for each recipient, in the order the recipients were given
 */
public record Envelope(String ciphertext, List<Wrapping> wrappings) {
    /** The only version. */
    public static final int VERSION = 1;
    /** The only algorithm. */
    public static final String ALGORITHM = "X25519-HKDF-SHA256-A256GCM";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the list. */
    public Envelope {
        wrappings = List.copyOf(wrappings);
    }

    /**
     * The content key wrapped for one recipient.
     *
     * @param kid the recipient's key id
     * @param epk base64 of the ephemeral X25519 public key (32 bytes)
     * @param wrappedKey base64 of nonce(12) ‖ wrapped content key(32) ‖ tag(16)
     */
    public record Wrapping(String kid, String epk, String wrappedKey) {}

    /** The envelope as a JSON object, fields in the order the API documents them. */
    public ObjectNode toJson() {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("v", VERSION);
        envelope.put("alg", ALGORITHM);
        envelope.put("ciphertext", ciphertext);
        ArrayNode list = envelope.putArray("wrappings");
        for (Wrapping wrapping : wrappings) {
            list.addObject()
                    .put("kid", wrapping.kid())
                    .put("epk", wrapping.epk())
                    .put("wrappedKey", wrapping.wrappedKey());
        }
        return envelope;
    }

    /** The envelope as JSON text. */
    public String toJsonString() {
        return toJson().toString();
    }

    /**
     * Reads an envelope from the API: a JSON object, or a JSON string holding one.
     *
     * @throws CannotDecryptException when it is not a version 1 envelope of the one algorithm
     */
    public static Envelope fromJson(JsonNode node) {
        if (node != null && node.isTextual()) {
            try {
                node = JSON.readTree(node.textValue());
            } catch (JsonProcessingException e) {
                throw new CannotDecryptException();
            }
        }
        if (node == null
                || !node.isObject()
                || node.path("v").asInt(-1) != VERSION
                || !ALGORITHM.equals(node.path("alg").asText())
                || !node.path("ciphertext").isTextual()
                || !node.path("wrappings").isArray()) {
            throw new CannotDecryptException();
        }
        List<Wrapping> wrappings = new ArrayList<>();
        for (JsonNode wrapping : node.get("wrappings")) {
            if (!wrapping.path("kid").isTextual()
                    || !wrapping.path("epk").isTextual()
                    || !wrapping.path("wrappedKey").isTextual()) {
                throw new CannotDecryptException();
            }
            wrappings.add(new Wrapping(
                    wrapping.get("kid").textValue(),
                    wrapping.get("epk").textValue(),
                    wrapping.get("wrappedKey").textValue()));
        }
        return new Envelope(node.get("ciphertext").textValue(), wrappings);
    }

    /** Reads an envelope from JSON text. */
    public static Envelope fromJson(String json) {
        try {
            return fromJson(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new CannotDecryptException();
        }
    }
}
