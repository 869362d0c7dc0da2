package dev.ledgerloop.events.session;

import java.util.Objects;
import java.util.UUID;

/**
 * A human (a JWT subject, or a guest without an account) joined the session with a role; {@code name} is the display
 * name a guest chose when joining through the session's public link, null otherwise (and in events stored before
 * names existed).
 */
public record ParticipantAdded(UUID sessionId, String userId, ParticipantRole role, String name)
        implements SessionEvent {

    public ParticipantAdded {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
    }

    public ParticipantAdded(UUID sessionId, String userId, ParticipantRole role) {
        this(sessionId, userId, role, null);
    }
}
