package dev.ledgerloop.sdk.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerloop.jcs.Jcs;
import java.util.Base64;

/**
 * What a human signs when answering (docs/api.md §Signed decisions): the UTF-8 of the RFC 8785 canonical JSON of {@code
 * {"v":1,"type":"ledgerloop.decision","sessionId","messageId","requestSha256","responseSha256","decision"}}. The two
 * hashes bind the signature to the question as it stood when answered and to the encrypted answer.
 *
 * @param sessionId the session's id
 * @param messageId the answered message's id
 * @param requestSha256 {@link #requestSha256} of the message
 * @param responseSha256 {@link #responseSha256} of the answer
 * @param decision the decision in clear, 1–100 characters (such as "approve")
 */
public record DecisionStatement(
        String sessionId, String messageId, String requestSha256, String responseSha256, String decision) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Checks that every part is there. */
    public DecisionStatement {
        if (sessionId == null || messageId == null || requestSha256 == null || responseSha256 == null) {
            throw new IllegalArgumentException("A decision statement names its session, message and both hashes");
        }
        if (decision == null || decision.isEmpty() || decision.length() > 100) {
            throw new IllegalArgumentException("A decision is 1–100 characters");
        }
    }

    /** The statement of an answer: hashes the message's envelopes and the answer's envelope. */
    public static DecisionStatement of(
            String sessionId,
            String messageId,
            JsonNode encryptedContent,
            JsonNode encryptedComponents,
            JsonNode encryptedResponse,
            String decision) {
        return new DecisionStatement(
                sessionId,
                messageId,
                requestSha256(encryptedContent, encryptedComponents),
                responseSha256(encryptedResponse),
                decision);
    }

    /**
     * Lowercase hex SHA-256 of the canonical JSON of {@code {"encryptedContent": …, "encryptedComponents": … or
     * null}}: the message's envelope objects as they stand when answered.
     */
    public static String requestSha256(JsonNode encryptedContent, JsonNode encryptedComponents) {
        ObjectNode request = JSON.createObjectNode();
        request.set("encryptedContent", envelopeObject(encryptedContent));
        request.set(
                "encryptedComponents",
                encryptedComponents == null || encryptedComponents.isNull()
                        ? NullNode.getInstance()
                        : envelopeObject(encryptedComponents));
        return KeyIds.sha256Hex(Jcs.write(request));
    }

    /** Lowercase hex SHA-256 of the canonical JSON of the answer's envelope object. */
    public static String responseSha256(JsonNode encryptedResponse) {
        return KeyIds.sha256Hex(Jcs.write(envelopeObject(encryptedResponse)));
    }

    /** The bytes that are signed. */
    public byte[] signingBytes() {
        ObjectNode statement = JSON.createObjectNode();
        statement.put("v", 1);
        statement.put("type", "ledgerloop.decision");
        statement.put("sessionId", sessionId);
        statement.put("messageId", messageId);
        statement.put("requestSha256", requestSha256);
        statement.put("responseSha256", responseSha256);
        statement.put("decision", decision);
        return Jcs.write(statement);
    }

    /** The base64 Ed25519 signature of {@link #signingBytes} by {@code key}. */
    public String sign(Ed25519KeyPair key) {
        return Base64.getEncoder().encodeToString(key.sign(signingBytes()));
    }

    /** Whether {@code signatureBase64} is {@code publicKey}'s signature of this statement. */
    public boolean verify(byte[] publicKey, String signatureBase64) {
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(signatureBase64);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return Ed25519KeyPair.verify(publicKey, signingBytes(), signature);
    }

    /** An envelope given as an object or as a string holding one (the API accepts both), as the object. */
    private static JsonNode envelopeObject(JsonNode envelope) {
        if (envelope == null || envelope.isNull()) {
            throw new IllegalArgumentException("An envelope is required");
        }
        if (envelope.isTextual()) {
            return Envelope.fromJson(envelope).toJson();
        }
        return envelope;
    }
}
