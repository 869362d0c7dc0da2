package dev.ledgerloop.command.session;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.session.ResponseSubmitted;
import java.time.Instant;
import java.util.UUID;

/** A human's answer to a message, as the respond command answers it. */
record ResponseResource(
        UUID id,
        UUID sessionId,
        UUID messageId,
        String userId,
        EncryptedEnvelope encryptedResponse,
        Instant createdAt) {

    static ResponseResource of(ResponseSubmitted submitted, Instant createdAt) {
        return new ResponseResource(
                submitted.responseId(),
                submitted.sessionId(),
                submitted.messageId(),
                submitted.userId(),
                submitted.encryptedResponse(),
                createdAt);
    }
}
