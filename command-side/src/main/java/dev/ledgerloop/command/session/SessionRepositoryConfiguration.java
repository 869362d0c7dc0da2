package dev.ledgerloop.command.session;

import dev.ledgerloop.eventstore.AggregateEventStore;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Session repository reads {@code session-<id>} streams: Axon asks the event store by aggregate identifier only,
 * and {@link AggregateEventStore} supplies the type the stream name needs.
 *
 * <p>Sessions are cached between commands: without the cache every message reloads and decrypts the whole session,
 * which grows with every message (measured: about 4 MB allocated per send once sessions hold ~150 events). A cached
 * session that another instance has changed meanwhile fails its append on the expected revision; Axon then drops it
 * from the cache and {@link SessionCommands} retries on a fresh load. Entries are weakly held, so the garbage
 * collector bounds the cache.
 */
@Configuration(proxyBeanMethods = false)
class SessionRepositoryConfiguration {
    static final String REPOSITORY = "sessionRepository";
    static final String AGGREGATE_TYPE = "Session";

    @Bean(REPOSITORY)
    EventSourcingRepository<Session> sessionRepository(EventStore eventStore, EventStoreDbStorageEngine engine) {
        return EventSourcingRepository.builder(Session.class)
                .eventStore(new AggregateEventStore(eventStore, engine, AGGREGATE_TYPE))
                .cache(new WeakReferenceCache())
                .build();
    }
}
