package dev.ledgerloop.command.session;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An agent archives its session. */
record ArchiveSession(@TargetAggregateIdentifier UUID sessionId, UUID agentId) implements SessionCommand {}
