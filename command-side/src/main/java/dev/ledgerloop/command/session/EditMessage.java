package dev.ledgerloop.command.session;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An agent replaces the content of a message it sent. */
record EditMessage(
        @TargetAggregateIdentifier UUID sessionId,
        UUID agentId,
        UUID messageId,
        EncryptedEnvelope encryptedContent,
        EncryptedEnvelope encryptedComponents)
        implements SessionCommand {}
