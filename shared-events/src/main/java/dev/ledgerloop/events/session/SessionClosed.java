package dev.ledgerloop.events.session;

import java.util.Objects;
import java.util.UUID;

/** A session was closed; later messages are refused. */
public record SessionClosed(UUID sessionId) implements SessionEvent {

    public SessionClosed {
        Objects.requireNonNull(sessionId, "sessionId");
    }
}
