package dev.ledgerloop.sdk;

/**
 * The signature of a decision (docs/api.md §Signed decisions) as the API shows it on a response, after the SDK verified it: the
 * statement's hashes match the message and the answer, the key id matches the key, and the Ed25519 signature
 * verifies. Keep {@code publicKey}/{@code keyId} to check who signed against the signer's key as you know it.
 *
 * @param alg {@code Ed25519}
 * @param keyId the signing key's id
 * @param publicKey base64 of the raw Ed25519 public key
 * @param decision the decision in clear
 * @param requestSha256 hash of the message's envelopes when answered
 * @param responseSha256 hash of the answer's envelope
 * @param value base64 of the 64-byte signature
 */
public record DecisionSignature(
        String alg,
        String keyId,
        String publicKey,
        String decision,
        String requestSha256,
        String responseSha256,
        String value) {}
