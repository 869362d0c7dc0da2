package dev.ledgerloop.events.agent;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** An agent registered its commands; the list replaces whatever it had registered before. */
public record CommandsRegistered(UUID agentId, List<RegisteredCommand> commands) implements AgentEvent {

    public CommandsRegistered {
        Objects.requireNonNull(agentId, "agentId");
        commands = List.copyOf(commands);
    }
}
