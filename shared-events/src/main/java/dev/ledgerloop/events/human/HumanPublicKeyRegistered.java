package dev.ledgerloop.events.human;

import java.util.Objects;
import java.util.UUID;

/**
 * A human registered their keys: the X25519 key envelopes are wrapped for and, optionally, the Ed25519 key their
 * decisions are signed with. A later registration replaces both (a signing key left out is then no longer
 * registered). Private keys never reach the server.
 *
 * @param fingerprint the X25519 key's id ({@code kid})
 * @param signingPublicKey base64 of the raw 32-byte Ed25519 key, or null
 * @param signingKeyId its id, or null
 */
public record HumanPublicKeyRegistered(
        UUID humanId, String userId, String publicKey, String fingerprint, String signingPublicKey, String signingKeyId)
        implements HumanEvent {

    public HumanPublicKeyRegistered {
        Objects.requireNonNull(humanId, "humanId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
