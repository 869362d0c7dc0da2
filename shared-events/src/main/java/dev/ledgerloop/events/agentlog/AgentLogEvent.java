package dev.ledgerloop.events.agentlog;

import dev.ledgerloop.events.AggregateEvent;
import dev.ledgerloop.events.AggregateType;
import java.util.UUID;

/**
 * An entry an agent wrote to its own log, stored on the stream {@code agentlog-<agentId>}: a stream (and so a data
 * key) of its own, apart from the agent's registration, so that the log can be erased without touching the agent.
 */
public sealed interface AgentLogEvent extends AggregateEvent
        permits ActivityLogged, CommunicationLogged, TelemetryPushed {
    UUID agentId();

    /** The entry's id, which the API answers and lists. */
    UUID entryId();

    @Override
    default AggregateType aggregateType() {
        return AggregateType.AGENT_LOG;
    }

    @Override
    default UUID aggregateId() {
        return agentId();
    }
}
