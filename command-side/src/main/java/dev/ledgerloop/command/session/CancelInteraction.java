package dev.ledgerloop.command.session;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An agent cancels the pending interaction of its session. */
record CancelInteraction(@TargetAggregateIdentifier UUID sessionId, UUID agentId) implements SessionCommand {}
