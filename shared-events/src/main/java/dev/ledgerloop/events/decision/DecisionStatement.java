package dev.ledgerloop.events.decision;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.envelope.Wrapping;
import dev.ledgerloop.events.keys.PublicKeys;
import dev.ledgerloop.events.session.DecisionSignature;
import dev.ledgerloop.jcs.Jcs;
import java.util.Base64;
import java.util.UUID;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * What a human signs when they sign a decision (docs/api.md §Signed decisions), the one place that builds it: the
 * command side checks a signature with it before it stores the answer, and the session verify endpoint and the
 * offline verifier check stored signatures with it.
 *
 * <p>The signed bytes are the UTF-8 of the RFC 8785 canonical JSON of {@code {"v":1,"type":"ledgerloop.decision",
 * "sessionId","messageId","requestSha256","responseSha256","decision"}}. {@code requestSha256} is the lowercase hex
 * SHA-256 of the canonical JSON of {@code {"encryptedContent": <envelope>, "encryptedComponents": <envelope or null>}}
 * of the message as it stood when answered (after its edits); {@code responseSha256} that of the answer's
 * {@code encryptedResponse} envelope.
 */
public final class DecisionStatement {
    public static final String TYPE = "ledgerloop.decision";
    public static final int VERSION = 1;
    public static final int SIGNATURE_BYTES = 64;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DecisionStatement() {}

    public static String requestSha256(EncryptedEnvelope content, EncryptedEnvelope components) {
        ObjectNode request = NODES.objectNode();
        request.set("encryptedContent", envelope(content));
        request.set("encryptedComponents", components == null ? NODES.nullNode() : envelope(components));
        return PublicKeys.sha256Hex(Jcs.write(request));
    }

    public static String responseSha256(EncryptedEnvelope response) {
        return PublicKeys.sha256Hex(Jcs.write(envelope(response)));
    }

    public static byte[] signedBytes(
            UUID sessionId, UUID messageId, String requestSha256, String responseSha256, String decision) {
        ObjectNode statement = NODES.objectNode()
                .put("v", VERSION)
                .put("type", TYPE)
                .put("sessionId", sessionId.toString())
                .put("messageId", messageId.toString())
                .put("requestSha256", requestSha256)
                .put("responseSha256", responseSha256)
                .put("decision", decision);
        return Jcs.write(statement);
    }

    /** True when {@code signature} (base64 of 64 bytes) is a valid Ed25519 signature of the bytes by the key. */
    public static boolean verifies(String publicKey, byte[] signedBytes, String signature) {
        byte[] key = PublicKeys.raw(publicKey).orElse(null);
        byte[] value;
        try {
            value = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return key != null
                && value.length == SIGNATURE_BYTES
                && Ed25519.verify(value, 0, key, 0, signedBytes, 0, signedBytes.length);
    }

    /** Whether a stored signature holds for the session, message, question and answer it was stored with. */
    public static boolean holds(
            DecisionSignature signature,
            UUID sessionId,
            UUID messageId,
            EncryptedEnvelope content,
            EncryptedEnvelope components,
            EncryptedEnvelope response) {
        String request = requestSha256(content, components);
        String answer = responseSha256(response);
        byte[] key = PublicKeys.raw(signature.publicKey()).orElse(null);
        return DecisionSignature.ED25519.equals(signature.alg())
                && key != null
                && PublicKeys.id(key).equals(signature.keyId())
                && request.equals(signature.requestSha256())
                && answer.equals(signature.responseSha256())
                && verifies(
                        signature.publicKey(),
                        signedBytes(sessionId, messageId, request, answer, signature.decision()),
                        signature.value());
    }

    /** The envelope as the API shows it: {@code {v, alg, ciphertext, wrappings: [{kid, epk, wrappedKey}]}}. */
    static ObjectNode envelope(EncryptedEnvelope envelope) {
        ArrayNode wrappings = NODES.arrayNode();
        for (Wrapping wrapping : envelope.wrappings()) {
            wrappings.add(NODES.objectNode()
                    .put("kid", wrapping.kid())
                    .put("epk", wrapping.epk())
                    .put("wrappedKey", wrapping.wrappedKey()));
        }
        ObjectNode node = NODES.objectNode()
                .put("v", envelope.v())
                .put("alg", envelope.alg())
                .put("ciphertext", envelope.ciphertext());
        node.set("wrappings", wrappings);
        return node;
    }
}
