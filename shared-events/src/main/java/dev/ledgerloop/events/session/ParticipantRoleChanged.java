package dev.ledgerloop.events.session;

import java.util.Objects;
import java.util.UUID;

/** A participant's role changed. */
public record ParticipantRoleChanged(UUID sessionId, String userId, ParticipantRole role) implements SessionEvent {

    public ParticipantRoleChanged {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
    }
}
