package dev.ledgerloop.command.agent;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.ledgerloop.events.agent.AgentRegistered;
import dev.ledgerloop.service.events.EventContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An agent identity in a space (DESIGN §3), on stream {@code agent-<id>}. Registering is idempotent: a second
 * registration of the same agent changes nothing and writes no event.
 */
@Aggregate(repository = AgentRepositoryConfiguration.REPOSITORY)
class Agent {
    @AggregateIdentifier
    private UUID id;

    /** Its own flag, not {@code id != null}: other events (e.g. commands registered) may create the agent first. */
    private boolean registered;

    private String name;
    private String description;
    private Instant createdAt;

    protected Agent() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    AgentResource handle(RegisterAgent command, MetaData metaData) {
        if (!registered) {
            apply(
                    new AgentRegistered(command.agentId(), command.name(), command.description()),
                    metaData.subset(EventContext.SPACE_ID, EventContext.ACTOR_ID, EventContext.ACTOR_KIND));
        }
        return new AgentResource(command.agentId(), name, description, createdAt);
    }

    @EventSourcingHandler
    void on(AgentRegistered event, @Timestamp Instant at) {
        id = event.agentId();
        registered = true;
        name = event.name();
        description = event.description();
        createdAt = at.truncatedTo(ChronoUnit.MILLIS);
    }
}
