package dev.ledgerloop.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.sdk.crypto.DecisionStatement;
import dev.ledgerloop.sdk.crypto.KeyIds;
import java.util.Base64;

/**
 * Checks a response's decision signature (docs/api.md §Signed decisions) against the message it answers: the hashes are recomputed
 * from the envelopes, the key id from the key, and the Ed25519 signature over the canonical statement must verify.
 * Any mismatch throws {@link LedgerloopException#SIGNATURE_INVALID}: an answer whose signature does not verify is
 * never handed out.
 */
final class DecisionVerification {
    private DecisionVerification() {}

    /** The verified signature, or null when the response carries none. */
    static DecisionSignature verify(JsonNode response, JsonNode encryptedContent, JsonNode encryptedComponents) {
        JsonNode signature = response.get("signature");
        if (signature == null || signature.isNull()) {
            return null;
        }
        DecisionSignature claimed = new DecisionSignature(
                Decoding.text(signature, "alg"),
                Decoding.text(signature, "keyId"),
                Decoding.text(signature, "publicKey"),
                Decoding.text(signature, "decision"),
                Decoding.text(signature, "requestSha256"),
                Decoding.text(signature, "responseSha256"),
                Decoding.text(signature, "value"));
        String messageId = Decoding.text(response, "messageId");
        if (!"Ed25519".equals(claimed.alg())) {
            throw invalid(messageId, "its algorithm is not Ed25519");
        }
        byte[] publicKey = decode(claimed.publicKey());
        if (publicKey.length != 32 || !KeyIds.of(publicKey).equals(claimed.keyId())) {
            throw invalid(messageId, "its key id is not the fingerprint of its key");
        }
        if (encryptedContent == null) {
            throw invalid(messageId, "the answered message's content is gone (deleted or erased)");
        }
        DecisionStatement statement;
        try {
            statement = DecisionStatement.of(
                    Decoding.text(response, "sessionId"),
                    messageId,
                    encryptedContent,
                    encryptedComponents,
                    response.get("encryptedResponse"),
                    claimed.decision());
        } catch (RuntimeException e) {
            throw invalid(messageId, "its statement cannot be rebuilt (" + e.getMessage() + ")");
        }
        if (!statement.requestSha256().equals(claimed.requestSha256())) {
            throw invalid(messageId, "it was made for another version of the message (requestSha256 differs)");
        }
        if (!statement.responseSha256().equals(claimed.responseSha256())) {
            throw invalid(messageId, "it was made for another answer (responseSha256 differs)");
        }
        if (claimed.value() == null || !statement.verify(publicKey, claimed.value())) {
            throw invalid(messageId, "the Ed25519 signature does not verify");
        }
        return claimed;
    }

    private static byte[] decode(String base64) {
        try {
            return base64 == null ? new byte[0] : Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static LedgerloopException invalid(String messageId, String why) {
        return new LedgerloopException(
                0,
                LedgerloopException.SIGNATURE_INVALID,
                "The signature of the answer to message " + messageId + " does not verify: " + why);
    }
}
