package dev.ledgerloop.service.events;

import dev.ledgerloop.eventstore.AggregateEventStore;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import java.time.Duration;
import java.util.List;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;

/**
 * The repository every aggregate gets: it reads the aggregate's own stream ({@code <type>-<id>}; Axon asks the event
 * store by identifier only, and {@link AggregateEventStore} supplies the type the stream name needs) and caches
 * aggregates between commands.
 *
 * <p>Without the cache every command reloads and decrypts the whole stream, which grows with every event (measured
 * on sessions: about 4 MB allocated per message send once they held ~150 events; 88 → 139 sends/s). A cached
 * aggregate that another instance changed meanwhile fails its append on the expected revision; Axon drops it from
 * the cache when the unit of work rolls back, and the next attempt loads it afresh. The cache is bounded by count and
 * idle time ({@link BoundedAggregateCache}), not weakly held: the garbage collector emptied a weak one at every
 * collection.
 */
public final class AggregateRepositories {
    private AggregateRepositories() {}

    /** @param axonType the type Axon stamps on the aggregate's events, e.g. "Session" for {@code session-<id>} */
    public static <T> EventSourcingRepository<T> eventSourced(
            Class<T> aggregate, String axonType, EventStore eventStore, EventStoreDbStorageEngine engine) {
        return eventSourced(aggregate, axonType, eventStore, engine, cache());
    }

    /**
     * The cache an aggregate type gets: the 1,000 used last, each kept until unused for 10 minutes; the bound, not the
     * number of aggregates that exist, sets the memory it takes.
     */
    public static Cache cache() {
        return new BoundedAggregateCache(1_000, Duration.ofMinutes(10));
    }

    /** @param cache the aggregate cache, for a caller that must drop an aggregate from it (a shredded session) */
    public static <T> EventSourcingRepository<T> eventSourced(
            Class<T> aggregate, String axonType, EventStore eventStore, EventStoreDbStorageEngine engine, Cache cache) {
        return EventSourcingRepository.builder(aggregate)
                .eventStore(new AggregateEventStore(eventStore, engine, axonType))
                .cache(cache)
                .build();
    }

    /**
     * @param resources objects the aggregate's handlers take as parameters besides the message (Axon's Spring wiring
     *     resolves them for the command handlers; the repository inspects the same handlers with these)
     */
    public static <T> EventSourcingRepository<T> eventSourced(
            Class<T> aggregate,
            String axonType,
            EventStore eventStore,
            EventStoreDbStorageEngine engine,
            List<?> resources) {
        return EventSourcingRepository.builder(aggregate)
                .eventStore(new AggregateEventStore(eventStore, engine, axonType))
                .cache(cache())
                .parameterResolverFactory(MultiParameterResolverFactory.ordered(
                        ClasspathParameterResolverFactory.forClass(aggregate),
                        new SimpleResourceParameterResolverFactory(resources)))
                .build();
    }
}
