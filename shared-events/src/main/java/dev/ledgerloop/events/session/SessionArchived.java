package dev.ledgerloop.events.session;

import java.util.Objects;
import java.util.UUID;

/** A closed or active session was archived: it leaves the active list and accepts nothing more. */
public record SessionArchived(UUID sessionId) implements SessionEvent {

    public SessionArchived {
        Objects.requireNonNull(sessionId, "sessionId");
    }
}
