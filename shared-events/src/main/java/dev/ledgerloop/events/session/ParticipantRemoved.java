package dev.ledgerloop.events.session;

import java.util.Objects;
import java.util.UUID;

/** A participant left the session or was removed. */
public record ParticipantRemoved(UUID sessionId, String userId) implements SessionEvent {

    public ParticipantRemoved {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(userId, "userId");
    }
}
