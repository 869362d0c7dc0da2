package dev.ledgerloop.command.invocation;

import dev.ledgerloop.events.crypto.SessionSeals;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.service.events.AggregateRepositories;
import java.util.List;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Invocation repository reads {@code invocation-<id>} streams, with weakly cached aggregates. */
@Configuration(proxyBeanMethods = false)
class InvocationRepositoryConfiguration {
    static final String REPOSITORY = "invocationRepository";
    static final String AGGREGATE_TYPE = "Invocation";

    @Bean(REPOSITORY)
    EventSourcingRepository<Invocation> invocationRepository(
            EventStore eventStore, EventStoreDbStorageEngine engine, SessionSeals seals) {
        return AggregateRepositories.eventSourced(Invocation.class, AGGREGATE_TYPE, eventStore, engine, List.of(seals));
    }
}
