package dev.ledgerloop.events.session;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * A message was sent into a session by an agent ({@code senderAgentId}), a human ({@code senderUserId}) or the
 * system; its content and components are end-to-end encrypted.
 */
public record MessageSent(
        UUID sessionId,
        UUID messageId,
        SenderType senderType,
        UUID senderAgentId,
        String senderUserId,
        EncryptedEnvelope encryptedContent,
        EncryptedEnvelope encryptedComponents,
        boolean responseRequired,
        Priority priority,
        Instant deadlineAt,
        String referenceId)
        implements SessionEvent {

    public MessageSent {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(senderType, "senderType");
        Objects.requireNonNull(encryptedContent, "encryptedContent");
        Objects.requireNonNull(priority, "priority");
        // API timestamps carry milliseconds; truncating here keeps a stored event equal to the one read back.
        deadlineAt = deadlineAt == null ? null : deadlineAt.truncatedTo(ChronoUnit.MILLIS);
    }
}
