package dev.ledgerloop.command.session;

import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.service.events.AggregateRepositories;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Session repository (see {@link AggregateRepositories}: own stream, cached between commands). */
@Configuration(proxyBeanMethods = false)
public class SessionRepositoryConfiguration {
    static final String REPOSITORY = "sessionRepository";
    static final String AGGREGATE_TYPE = "Session";
    public static final String CACHE = "sessionCache";

    /** Cached sessions; shredding drops a session from it (see {@code SessionShredding}). */
    @Bean(CACHE)
    Cache sessionCache() {
        return AggregateRepositories.cache();
    }

    @Bean(REPOSITORY)
    EventSourcingRepository<Session> sessionRepository(
            EventStore eventStore, EventStoreDbStorageEngine engine, @Qualifier(CACHE) Cache sessionCache) {
        return AggregateRepositories.eventSourced(Session.class, AGGREGATE_TYPE, eventStore, engine, sessionCache);
    }
}
