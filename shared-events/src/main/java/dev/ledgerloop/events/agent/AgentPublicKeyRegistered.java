package dev.ledgerloop.events.agent;

import java.util.Objects;
import java.util.UUID;

/**
 * An agent registered its X25519 public key (base64 of 32 bytes), which envelopes are wrapped for from then on; a
 * later registration replaces it for new content only. The private key never reaches the server.
 *
 * @param fingerprint the key id ({@code kid}): lowercase hex of the first 16 bytes of SHA-256(raw key)
 */
public record AgentPublicKeyRegistered(UUID agentId, String publicKey, String fingerprint) implements AgentEvent {

    public AgentPublicKeyRegistered {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
