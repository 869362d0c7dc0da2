package dev.ledgerloop.command.activity;

import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.service.events.AggregateRepositories;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The AgentLog repository reads {@code agentlog-<agentId>} streams. */
@Configuration(proxyBeanMethods = false)
class AgentLogRepositoryConfiguration {
    static final String REPOSITORY = "agentLogRepository";
    static final String AGGREGATE_TYPE = "Agentlog";

    @Bean(REPOSITORY)
    EventSourcingRepository<AgentLog> agentLogRepository(EventStore eventStore, EventStoreDbStorageEngine engine) {
        return AggregateRepositories.eventSourced(AgentLog.class, AGGREGATE_TYPE, eventStore, engine);
    }
}
