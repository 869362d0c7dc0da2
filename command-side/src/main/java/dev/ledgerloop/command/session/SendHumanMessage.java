package dev.ledgerloop.command.session;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A participant sends a message into the session. */
record SendHumanMessage(
        @TargetAggregateIdentifier UUID sessionId,
        String userId,
        UUID messageId,
        EncryptedEnvelope encryptedContent,
        EncryptedEnvelope encryptedComponents)
        implements SessionCommand {}
