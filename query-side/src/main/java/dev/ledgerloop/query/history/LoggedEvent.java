package dev.ledgerloop.query.history;

import dev.ledgerloop.events.AggregateEvent;
import dev.ledgerloop.events.EventTypes;
import dev.ledgerloop.eventstore.ErasedEvent;
import dev.ledgerloop.eventstore.EventStoreDbPositionToken;
import dev.ledgerloop.eventstore.UnreadableEvent;
import dev.ledgerloop.service.events.EventContext;
import java.time.Instant;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;

/**
 * One event of a session's stream as reviewers see it (docs/api.md §Session history): where it is, what kind, who and
 * when, never its payload. {@code readable} is false for an event the codec could not decode, or whose content was erased (a shredded
 * session).
 */
record LoggedEvent(
        long revision, long commitPosition, String type, Actor actor, Instant at, String eventId, boolean readable) {

    /** Who caused the event, from its metadata; {@code kind} is {@code agent}, {@code human} or {@code system}. */
    record Actor(String id, String kind) {}

    static LoggedEvent of(TrackedEventMessage<?> message) {
        DomainEventMessage<?> event = (DomainEventMessage<?>) message;
        Object actorId = event.getMetaData().get(EventContext.ACTOR_ID);
        Object actorKind = event.getMetaData().get(EventContext.ACTOR_KIND);
        return new LoggedEvent(
                event.getSequenceNumber(),
                commitPosition(message),
                type(event),
                actorId == null ? null : new Actor(actorId.toString(), actorKind == null ? null : actorKind.toString()),
                event.getTimestamp(),
                event.getIdentifier(),
                !(event.getPayload() instanceof UnreadableEvent) && !(event.getPayload() instanceof ErasedEvent));
    }

    /** The stored event type (the literal name in the log, e.g. {@code MessageSent}). */
    static String type(DomainEventMessage<?> event) {
        if (event.getPayload() instanceof UnreadableEvent unreadable) {
            return unreadable.eventType();
        }
        if (event.getPayload() instanceof ErasedEvent erased) {
            return erased.eventType();
        }
        return EventTypes.of((AggregateEvent) event.getPayload()).name();
    }

    static long commitPosition(TrackedEventMessage<?> message) {
        return ((EventStoreDbPositionToken) message.trackingToken()).getCommitPosition();
    }
}
