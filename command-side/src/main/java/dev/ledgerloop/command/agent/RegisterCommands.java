package dev.ledgerloop.command.agent;

import dev.ledgerloop.events.agent.RegisteredCommand;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An agent replaces the set of commands humans may invoke on it. */
record RegisterCommands(@TargetAggregateIdentifier UUID agentId, List<RegisteredCommand> commands) {}
