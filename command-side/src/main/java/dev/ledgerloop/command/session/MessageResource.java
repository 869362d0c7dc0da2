package dev.ledgerloop.command.session;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.Priority;
import dev.ledgerloop.events.session.SenderType;
import java.time.Instant;
import java.util.UUID;

/** API.md's message object, as the send command answers it. */
record MessageResource(
        UUID id,
        UUID sessionId,
        SenderType senderType,
        UUID senderAgentId,
        String senderUserId,
        EncryptedEnvelope encryptedContent,
        EncryptedEnvelope encryptedComponents,
        boolean responseRequired,
        String status,
        Priority priority,
        Instant deadlineAt,
        String referenceId,
        Instant createdAt,
        Instant editedAt,
        Instant deletedAt) {

    static MessageResource of(MessageSent sent, Instant createdAt) {
        return new MessageResource(
                sent.messageId(),
                sent.sessionId(),
                sent.senderType(),
                sent.senderAgentId(),
                sent.senderUserId(),
                sent.encryptedContent(),
                sent.encryptedComponents(),
                sent.responseRequired(),
                // A message that waits for an answer is Pending until answered; one that does not is done as sent.
                sent.responseRequired() ? "Pending" : "Completed",
                sent.priority(),
                sent.deadlineAt(),
                sent.referenceId(),
                createdAt,
                null,
                null);
    }
}
