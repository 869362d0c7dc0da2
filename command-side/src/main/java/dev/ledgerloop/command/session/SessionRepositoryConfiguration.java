package dev.ledgerloop.command.session;

import dev.ledgerloop.eventstore.AggregateEventStore;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Session repository reads {@code session-<id>} streams: Axon asks the event store by aggregate identifier only,
 * and {@link AggregateEventStore} supplies the type the stream name needs.
 */
@Configuration(proxyBeanMethods = false)
class SessionRepositoryConfiguration {
    static final String REPOSITORY = "sessionRepository";
    static final String AGGREGATE_TYPE = "Session";

    @Bean(REPOSITORY)
    EventSourcingRepository<Session> sessionRepository(EventStore eventStore, EventStoreDbStorageEngine engine) {
        return EventSourcingRepository.builder(Session.class)
                .eventStore(new AggregateEventStore(eventStore, engine, AGGREGATE_TYPE))
                .build();
    }
}
