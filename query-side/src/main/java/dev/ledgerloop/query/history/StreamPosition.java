package dev.ledgerloop.query.history;

import java.time.Instant;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;

/**
 * The last event a history reflects: its revision in the session's stream, its commit position in {@code $all} and
 * its time.
 */
record StreamPosition(long revision, long commitPosition, Instant at) {
    static StreamPosition of(TrackedEventMessage<?> message) {
        return new StreamPosition(
                ((DomainEventMessage<?>) message).getSequenceNumber(),
                LoggedEvent.commitPosition(message),
                message.getTimestamp());
    }
}
