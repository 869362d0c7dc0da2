package dev.ledgerloop.command.agent;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register an agent identity unless it is registered already; send it with the space's {@code EventContext}. */
public record RegisterAgent(@TargetAggregateIdentifier UUID agentId, String name, String description) {}
