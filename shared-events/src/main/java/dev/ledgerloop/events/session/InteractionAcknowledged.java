package dev.ledgerloop.events.session;

import java.util.Objects;
import java.util.UUID;

/** The agent acknowledged the answer to a message: the interaction is completed. */
public record InteractionAcknowledged(UUID sessionId, UUID messageId) implements SessionEvent {

    public InteractionAcknowledged {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(messageId, "messageId");
    }
}
