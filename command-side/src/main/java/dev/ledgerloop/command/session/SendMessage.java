package dev.ledgerloop.command.session;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.session.Priority;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An agent sends a message into its session. */
record SendMessage(
        @TargetAggregateIdentifier UUID sessionId,
        UUID agentId,
        UUID messageId,
        EncryptedEnvelope encryptedContent,
        EncryptedEnvelope encryptedComponents,
        boolean responseRequired,
        Priority priority,
        Instant deadlineAt,
        String referenceId)
        implements SessionCommand {}
