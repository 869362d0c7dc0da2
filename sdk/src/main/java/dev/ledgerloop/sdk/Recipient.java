package dev.ledgerloop.sdk;

/**
 * Someone the content of a session is sealed for, as {@code GET /v1/agent/sessions/{id}/recipients} lists them.
 *
 * @param kind {@code agent}, {@code human} or {@code space}
 * @param id the agent's id, the human's user id, or the space's
 * @param role a human's role, else null
 * @param kid the registered key's id, or null while none is registered (nothing can be sealed for them yet)
 * @param publicKey base64 of the registered X25519 key, or null
 */
public record Recipient(String kind, String id, String role, String kid, String publicKey) {
    /** Whether content can be sealed for them. */
    public boolean hasKey() {
        return kid != null && publicKey != null;
    }
}
