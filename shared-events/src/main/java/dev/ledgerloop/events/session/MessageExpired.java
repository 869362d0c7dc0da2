package dev.ledgerloop.events.session;

import java.util.Objects;
import java.util.UUID;

/** A message's deadline passed without an answer. */
public record MessageExpired(UUID sessionId, UUID messageId) implements SessionEvent {

    public MessageExpired {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(messageId, "messageId");
    }
}
