package dev.ledgerloop.events.session;

import java.util.Objects;

/**
 * A human's Ed25519 signature over their decision (docs/api.md §Signed decisions), as stored in
 * {@link ResponseSubmitted} and shown on the response: the key it verified with (so that
 * a later key rotation does not orphan it), the hashes of the question and the answer it covers, and the signature.
 *
 * @param alg always {@value #ED25519}
 * @param keyId lowercase hex of the first 16 bytes of SHA-256(publicKey)
 * @param publicKey base64 of the raw 32-byte Ed25519 public key
 * @param decision what the human says they decided, 1–100 characters, signed with the rest
 * @param requestSha256 lowercase hex SHA-256 of the question as it stood when answered ({@code DecisionStatement})
 * @param responseSha256 lowercase hex SHA-256 of the answer's envelope
 * @param value base64 of the 64-byte signature over {@code DecisionStatement.signedBytes}
 */
public record DecisionSignature(
        String alg,
        String keyId,
        String publicKey,
        String decision,
        String requestSha256,
        String responseSha256,
        String value) {
    public static final String ED25519 = "Ed25519";

    public DecisionSignature {
        Objects.requireNonNull(alg, "alg");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(requestSha256, "requestSha256");
        Objects.requireNonNull(responseSha256, "responseSha256");
        Objects.requireNonNull(value, "value");
    }
}
