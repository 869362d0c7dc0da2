package dev.ledgerloop.events.agent;

import java.util.Objects;
import java.util.UUID;

/**
 * An agent identity came to be in its space: provisioned with a description, or created by acting under a new
 * {@code X-Hiloop} name (then without one). Its id is derived from space and name ({@code AgentNames.agentId}).
 */
public record AgentRegistered(UUID agentId, String name, String description) implements AgentEvent {

    public AgentRegistered {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(name, "name");
    }
}
