package dev.ledgerloop.command.agent;

import java.time.Instant;
import java.util.UUID;

/** An agent as a command answers it: {@code {id, name, description, createdAt}}. */
public record AgentResource(UUID id, String name, String description, Instant createdAt) {

    public static AgentResource of(AgentState agent) {
        return new AgentResource(agent.id(), agent.name(), agent.description(), agent.createdAt());
    }
}
