package dev.ledgerloop.command.session;

import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.service.events.AggregateRepositories;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Session repository (see {@link AggregateRepositories}: own stream, cached between commands). */
@Configuration(proxyBeanMethods = false)
class SessionRepositoryConfiguration {
    static final String REPOSITORY = "sessionRepository";
    static final String AGGREGATE_TYPE = "Session";

    @Bean(REPOSITORY)
    EventSourcingRepository<Session> sessionRepository(EventStore eventStore, EventStoreDbStorageEngine engine) {
        return AggregateRepositories.eventSourced(Session.class, AGGREGATE_TYPE, eventStore, engine);
    }
}
