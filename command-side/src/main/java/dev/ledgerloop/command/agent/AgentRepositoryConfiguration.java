package dev.ledgerloop.command.agent;

import dev.ledgerloop.eventstore.AggregateEventStore;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Agent repository on {@code agent-<id>} streams, cached like the sessions' (see SessionRepositoryConfiguration). */
@Configuration(proxyBeanMethods = false)
class AgentRepositoryConfiguration {
    static final String REPOSITORY = "agentRepository";
    static final String AGGREGATE_TYPE = "Agent";

    @Bean(REPOSITORY)
    EventSourcingRepository<Agent> agentRepository(EventStore eventStore, EventStoreDbStorageEngine engine) {
        return EventSourcingRepository.builder(Agent.class)
                .eventStore(new AggregateEventStore(eventStore, engine, AGGREGATE_TYPE))
                .cache(new WeakReferenceCache())
                .build();
    }
}
