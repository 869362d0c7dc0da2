package dev.ledgerloop.bench.peer;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

record OpenBenchSession(@TargetAggregateIdentifier UUID sessionId, UUID agentId) {}
