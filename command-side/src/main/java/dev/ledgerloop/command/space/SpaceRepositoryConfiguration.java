package dev.ledgerloop.command.space;

import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.service.events.AggregateRepositories;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Space repository reads {@code space-<spaceId>} streams. */
@Configuration(proxyBeanMethods = false)
class SpaceRepositoryConfiguration {
    static final String REPOSITORY = "spaceRepository";
    static final String AGGREGATE_TYPE = "Space";

    @Bean(REPOSITORY)
    EventSourcingRepository<Space> spaceRepository(EventStore eventStore, EventStoreDbStorageEngine engine) {
        return AggregateRepositories.eventSourced(Space.class, AGGREGATE_TYPE, eventStore, engine);
    }
}
