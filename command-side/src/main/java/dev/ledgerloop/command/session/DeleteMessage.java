package dev.ledgerloop.command.session;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An agent deletes a message it sent. */
record DeleteMessage(@TargetAggregateIdentifier UUID sessionId, UUID agentId, UUID messageId)
        implements SessionCommand {}
