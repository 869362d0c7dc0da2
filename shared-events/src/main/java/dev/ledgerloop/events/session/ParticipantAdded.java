package dev.ledgerloop.events.session;

import java.util.Objects;
import java.util.UUID;

/** A human (a JWT subject) joined the session with a role. */
public record ParticipantAdded(UUID sessionId, String userId, ParticipantRole role) implements SessionEvent {

    public ParticipantAdded {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
    }
}
