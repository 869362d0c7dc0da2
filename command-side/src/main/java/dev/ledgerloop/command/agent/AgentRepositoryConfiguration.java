package dev.ledgerloop.command.agent;

import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.service.events.AggregateRepositories;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Agent repository reads {@code agent-<id>} streams, with weakly cached aggregates as sessions have. */
@Configuration(proxyBeanMethods = false)
class AgentRepositoryConfiguration {
    static final String REPOSITORY = "agentRepository";
    static final String AGGREGATE_TYPE = "Agent";

    @Bean(REPOSITORY)
    EventSourcingRepository<Agent> agentRepository(EventStore eventStore, EventStoreDbStorageEngine engine) {
        return AggregateRepositories.eventSourced(Agent.class, AGGREGATE_TYPE, eventStore, engine);
    }
}
