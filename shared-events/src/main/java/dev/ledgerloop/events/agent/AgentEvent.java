package dev.ledgerloop.events.agent;

import dev.ledgerloop.events.AggregateEvent;
import dev.ledgerloop.events.AggregateType;
import java.util.UUID;

/** Everything that happens to an agent, stored on its stream {@code agent-<agentId>}. */
public sealed interface AgentEvent extends AggregateEvent
        permits AgentRegistered, CommandsRegistered, AgentPublicKeyRegistered, AgentProfilePublished {
    UUID agentId();

    @Override
    default AggregateType aggregateType() {
        return AggregateType.AGENT;
    }

    @Override
    default UUID aggregateId() {
        return agentId();
    }
}
