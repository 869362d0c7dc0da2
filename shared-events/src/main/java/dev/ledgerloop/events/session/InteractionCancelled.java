package dev.ledgerloop.events.session;

import java.util.Objects;
import java.util.UUID;

/** The agent cancelled a pending interaction; it can no longer be answered. */
public record InteractionCancelled(UUID sessionId, UUID messageId) implements SessionEvent {

    public InteractionCancelled {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(messageId, "messageId");
    }
}
