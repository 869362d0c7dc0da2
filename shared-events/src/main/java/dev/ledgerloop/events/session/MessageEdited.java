package dev.ledgerloop.events.session;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.util.Objects;
import java.util.UUID;

/** An agent replaced a message's content; the timeline keeps that it was edited, and when. */
public record MessageEdited(
        UUID sessionId, UUID messageId, EncryptedEnvelope encryptedContent, EncryptedEnvelope encryptedComponents)
        implements SessionEvent {

    public MessageEdited {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(encryptedContent, "encryptedContent");
    }
}
