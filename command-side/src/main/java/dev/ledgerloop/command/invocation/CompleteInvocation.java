package dev.ledgerloop.command.invocation;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The invoked agent reports the result. */
record CompleteInvocation(
        @TargetAggregateIdentifier UUID invocationId, UUID agentId, EncryptedEnvelope encryptedResult) {}
