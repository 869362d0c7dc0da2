package dev.ledgerloop.events.session;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.util.Objects;
import java.util.UUID;

/**
 * A participant answered a message that required a response; the answer is end-to-end encrypted.
 *
 * @param signature the human's signature over the decision, checked before it was stored; null for an unsigned
 *     answer, and absent in every event stored before answers could be signed
 */
public record ResponseSubmitted(
        UUID sessionId,
        UUID messageId,
        UUID responseId,
        String userId,
        EncryptedEnvelope encryptedResponse,
        DecisionSignature signature)
        implements SessionEvent {

    @JsonCreator
    public ResponseSubmitted {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(responseId, "responseId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(encryptedResponse, "encryptedResponse");
    }

    /** An unsigned answer. */
    public ResponseSubmitted(
            UUID sessionId, UUID messageId, UUID responseId, String userId, EncryptedEnvelope encryptedResponse) {
        this(sessionId, messageId, responseId, userId, encryptedResponse, null);
    }
}
