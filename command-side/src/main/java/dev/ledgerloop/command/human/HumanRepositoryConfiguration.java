package dev.ledgerloop.command.human;

import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.service.events.AggregateRepositories;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Human repository reads {@code human-<id>} streams. */
@Configuration(proxyBeanMethods = false)
class HumanRepositoryConfiguration {
    static final String REPOSITORY = "humanRepository";
    static final String AGGREGATE_TYPE = "Human";

    @Bean(REPOSITORY)
    EventSourcingRepository<Human> humanRepository(EventStore eventStore, EventStoreDbStorageEngine engine) {
        return AggregateRepositories.eventSourced(Human.class, AGGREGATE_TYPE, eventStore, engine);
    }
}
