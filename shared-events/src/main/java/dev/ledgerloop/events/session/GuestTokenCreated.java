package dev.ledgerloop.events.session;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * The agent created a guest token: whoever holds it may join the session as a guest, {@code maxUses} times at most
 * (null: no limit) until {@code expiresAt} (null: no expiry). Only the token's SHA-256 is kept.
 */
public record GuestTokenCreated(UUID sessionId, UUID tokenId, String tokenHash, Integer maxUses, Instant expiresAt)
        implements SessionEvent {

    public GuestTokenCreated {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(tokenHash, "tokenHash");
        expiresAt = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MILLIS);
    }
}
