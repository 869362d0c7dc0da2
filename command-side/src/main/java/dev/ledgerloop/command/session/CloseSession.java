package dev.ledgerloop.command.session;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An agent closes its session; later messages are refused. */
record CloseSession(@TargetAggregateIdentifier UUID sessionId, UUID agentId) implements SessionCommand {}
