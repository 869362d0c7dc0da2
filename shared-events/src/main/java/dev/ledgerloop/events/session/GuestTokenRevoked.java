package dev.ledgerloop.events.session;

import java.util.Objects;
import java.util.UUID;

/** The agent revoked a guest token; it admits no one from now on. */
public record GuestTokenRevoked(UUID sessionId, UUID tokenId) implements SessionEvent {

    public GuestTokenRevoked {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(tokenId, "tokenId");
    }
}
