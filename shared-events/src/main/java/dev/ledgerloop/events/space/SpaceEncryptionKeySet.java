package dev.ledgerloop.events.space;

import java.util.Objects;
import java.util.UUID;

/**
 * The space owner set the space's X25519 public key: clients wrap new envelopes for it too, so that whoever holds its
 * private key (the owner's compliance reviewer, never the server) can open them. Setting another replaces it for new
 * content only.
 */
public record SpaceEncryptionKeySet(UUID spaceId, String publicKey, String keyId) implements SpaceEvent {

    public SpaceEncryptionKeySet {
        Objects.requireNonNull(spaceId, "spaceId");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(keyId, "keyId");
    }
}
