package dev.ledgerloop.events.crypto;

import java.util.Objects;

/**
 * Content about a session kept outside the session's stream (a webhook body on a delivery stream, an invocation's
 * arguments on its own stream), sealed under that session's data key so that shredding the session erases it too
 * (docs/architecture.md §Crypto-shredding). Opened with {@link SessionSeals}.
 *
 * @param keyId the session's data key
 * @param ciphertext base64 of {@code nonce(12) | ciphertext | tag(16)}
 */
public record SessionSealed(String keyId, String ciphertext) {

    public SessionSealed {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(ciphertext, "ciphertext");
    }
}
