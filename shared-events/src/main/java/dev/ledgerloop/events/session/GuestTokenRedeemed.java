package dev.ledgerloop.events.session;

import java.util.Objects;
import java.util.UUID;

/** A human joined the session with a guest token (a {@link ParticipantAdded} with role guest follows). */
public record GuestTokenRedeemed(UUID sessionId, UUID tokenId, String userId) implements SessionEvent {

    public GuestTokenRedeemed {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(userId, "userId");
    }
}
