package dev.ledgerloop.events.session;

import java.util.Objects;
import java.util.UUID;

/** An agent deleted a message; its content leaves the views, a tombstone stays in the timeline. */
public record MessageDeleted(UUID sessionId, UUID messageId) implements SessionEvent {

    public MessageDeleted {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(messageId, "messageId");
    }
}
