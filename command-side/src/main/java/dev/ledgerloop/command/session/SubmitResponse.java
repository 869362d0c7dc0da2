package dev.ledgerloop.command.session;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A participant answers a message that requires a response. */
record SubmitResponse(
        @TargetAggregateIdentifier UUID sessionId,
        String userId,
        UUID messageId,
        UUID responseId,
        EncryptedEnvelope encryptedResponse)
        implements SessionCommand {}
