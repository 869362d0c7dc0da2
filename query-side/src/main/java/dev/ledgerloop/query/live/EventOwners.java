package dev.ledgerloop.query.live;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ledgerloop.events.invocation.InvocationRequested;
import dev.ledgerloop.events.session.SessionOpened;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.service.notification.Notifications;
import java.util.Iterator;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.stereotype.Component;

/**
 * Whose sessions and invocations they are, read from the first event of their own streams ({@code SessionOpened},
 * {@code InvocationRequested}): exact even for a session opened a moment ago, whose views may not have it yet. Owners
 * never change, so answers are cached.
 */
@Component
class EventOwners implements Notifications.Owners {
    private static final int CACHED = 100_000;

    private final EventStoreDbStorageEngine engine;
    private final Cache<UUID, Optional<UUID>> sessions =
            Caffeine.newBuilder().maximumSize(CACHED).build();
    private final Cache<UUID, Optional<Notifications.InvocationOwner>> invocations =
            Caffeine.newBuilder().maximumSize(CACHED).build();

    EventOwners(EventStoreDbStorageEngine engine) {
        this.engine = engine;
    }

    @Override
    public UUID agentOfSession(UUID sessionId) {
        return sessions.get(sessionId, id -> first(Streams.SESSION, id)
                        .filter(SessionOpened.class::isInstance)
                        .map(opened -> ((SessionOpened) opened).agentId()))
                .orElse(null);
    }

    @Override
    public Notifications.InvocationOwner ownerOfInvocation(UUID invocationId) {
        return invocations
                .get(invocationId, id -> first(Streams.INVOCATION, id)
                        .filter(InvocationRequested.class::isInstance)
                        .map(requested -> new Notifications.InvocationOwner(
                                ((InvocationRequested) requested).agentId(),
                                ((InvocationRequested) requested).sessionId())))
                .orElse(null);
    }

    /** Remembers an owner seen in the log, sparing a read. */
    void saw(Object event) {
        if (event instanceof SessionOpened opened) {
            sessions.put(opened.sessionId(), Optional.of(opened.agentId()));
        } else if (event instanceof InvocationRequested requested) {
            invocations.put(
                    requested.invocationId(),
                    Optional.of(new Notifications.InvocationOwner(requested.agentId(), requested.sessionId())));
        }
    }

    private Optional<Object> first(String aggregateType, UUID id) {
        Iterator<TrackedEventMessage<?>> events = engine.readRecorded(aggregateType, id.toString(), 0);
        return events.hasNext() ? Optional.ofNullable(events.next().getPayload()) : Optional.empty();
    }

    /** The aggregate types the command side writes sessions and invocations under. */
    private static final class Streams {
        static final String SESSION = "Session";
        static final String INVOCATION = "Invocation";
    }
}
