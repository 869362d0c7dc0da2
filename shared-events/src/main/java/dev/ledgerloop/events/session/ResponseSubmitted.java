package dev.ledgerloop.events.session;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.util.Objects;
import java.util.UUID;

/** A participant answered a message that required a response; the answer is end-to-end encrypted. */
public record ResponseSubmitted(
        UUID sessionId, UUID messageId, UUID responseId, String userId, EncryptedEnvelope encryptedResponse)
        implements SessionEvent {

    public ResponseSubmitted {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(responseId, "responseId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(encryptedResponse, "encryptedResponse");
    }
}
