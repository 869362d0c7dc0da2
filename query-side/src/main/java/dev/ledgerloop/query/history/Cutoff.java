package dev.ledgerloop.query.history;

import dev.ledgerloop.events.MillisTimestamps;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.query.paging.QueryParameters;
import dev.ledgerloop.service.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * Where a history stops in the session's stream: after the last event that occurred at or before an instant
 * ({@code at}), after a revision ({@code atEvent}), or at the end. The stream is folded as a prefix: it stops at the
 * first event beyond the cutoff.
 */
sealed interface Cutoff {
    boolean includes(DomainEventMessage<?> event);

    /** The instant the history is judged at (guest tokens' expiry), given the last event it reflects. */
    Instant judgedAt(DomainEventMessage<?> last, Clock clock);

    /** @throws ApiException when the stream ended before the cutoff could be reached */
    default void requireReached(UUID sessionId, DomainEventMessage<?> last) {}

    /** @throws ApiException 404 for a cutoff before the session's first event */
    default ApiException beforeOpening(UUID sessionId, DomainEventMessage<?> opening) {
        return ApiException.notFound("Session " + sessionId + " not found");
    }

    /** From the query parameters, at most one of which may be given; neither means the current state. */
    static Cutoff of(String at, String atEvent) {
        if (at != null && atEvent != null) {
            throw ApiException.validation("Give either 'at' or 'atEvent', not both");
        }
        if (atEvent != null) {
            return new AtRevision(QueryParameters.optionalNaturalNumber("atEvent", atEvent));
        }
        if (at != null) {
            return new AtTime(QueryParameters.optionalInstant("at", at));
        }
        return new Latest();
    }

    /** Every event that occurred at or before {@code at}; a future instant is the current state, judged now. */
    record AtTime(Instant at) implements Cutoff {
        @Override
        public boolean includes(DomainEventMessage<?> event) {
            return !event.getTimestamp().isAfter(at);
        }

        @Override
        public Instant judgedAt(DomainEventMessage<?> last, Clock clock) {
            Instant now = clock.instant();
            return at.isAfter(now) ? now : at;
        }

        @Override
        public ApiException beforeOpening(UUID sessionId, DomainEventMessage<?> opening) {
            return new ApiException(
                    ErrorCode.NOT_FOUND,
                    "Session " + sessionId + " did not exist yet at " + MillisTimestamps.format(at)
                            + "; it was opened at " + MillisTimestamps.format(opening.getTimestamp()));
        }
    }

    /** The events up to revision {@code revision}; one beyond the session's last event answers 400. */
    record AtRevision(long revision) implements Cutoff {
        @Override
        public boolean includes(DomainEventMessage<?> event) {
            return event.getSequenceNumber() <= revision;
        }

        @Override
        public Instant judgedAt(DomainEventMessage<?> last, Clock clock) {
            return last.getTimestamp();
        }

        @Override
        public void requireReached(UUID sessionId, DomainEventMessage<?> last) {
            if (last.getSequenceNumber() < revision) {
                throw ApiException.validation("Parameter 'atEvent' is beyond the last event of session " + sessionId
                        + " (revision " + last.getSequenceNumber() + ")");
            }
        }
    }

    /** Every event: the current state, judged now. */
    record Latest() implements Cutoff {
        @Override
        public boolean includes(DomainEventMessage<?> event) {
            return true;
        }

        @Override
        public Instant judgedAt(DomainEventMessage<?> last, Clock clock) {
            return clock.instant();
        }
    }
}
