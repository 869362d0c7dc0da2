package dev.ledgerloop.command.activity;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.ledgerloop.events.agentlog.AgentLogEvent;
import dev.ledgerloop.service.events.EventContext;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An agent's own log ({@code agentlog-<agentId>}): activity, communication and telemetry entries, appended as they
 * come. It holds no invariant beyond belonging to its agent, whose id (derived from space and name) no other space can
 * name; the entries are checked before they get here.
 */
@Aggregate(repository = AgentLogRepositoryConfiguration.REPOSITORY)
class AgentLog {
    @AggregateIdentifier
    private UUID agentId;

    protected AgentLog() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    UUID handle(AppendEntry command, MetaData metaData) {
        apply(command.entry(), EventContext.carriedToEvents(metaData));
        return command.entry().entryId();
    }

    @EventSourcingHandler
    void on(AgentLogEvent event) {
        agentId = event.agentId();
    }

    /** Append one entry to the log of its agent ({@code agentId} is the entry's). */
    record AppendEntry(@TargetAggregateIdentifier UUID agentId, AgentLogEvent entry) {
        AppendEntry(AgentLogEvent entry) {
            this(entry.agentId(), entry);
        }
    }
}
