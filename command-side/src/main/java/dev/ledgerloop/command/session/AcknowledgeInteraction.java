package dev.ledgerloop.command.session;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An agent marks the answered interaction of its session completed. */
record AcknowledgeInteraction(@TargetAggregateIdentifier UUID sessionId, UUID agentId) implements SessionCommand {}
