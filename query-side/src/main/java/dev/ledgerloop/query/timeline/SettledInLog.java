package dev.ledgerloop.query.timeline;

import dev.ledgerloop.events.session.InteractionAcknowledged;
import dev.ledgerloop.events.session.InteractionCancelled;
import dev.ledgerloop.events.session.MessageDeleted;
import dev.ledgerloop.events.session.MessageExpired;
import dev.ledgerloop.events.session.ResponseSubmitted;
import dev.ledgerloop.query.session.SessionStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.stereotype.Component;

/**
 * What the log had already settled when an await started, that the timeline view may not show yet: the view follows
 * the log a little later (seconds under load), and an acknowledgement's 200 comes from the command side once the log
 * has it, so an agent that acknowledges an answer and awaits again at once would otherwise be handed the answer it has
 * just acknowledged (docs/api.md §Await).
 */
@Component
class SettledInLog {
    private final SessionStream stream;

    SettledInLog(SessionStream stream) {
        this.stream = stream;
    }

    /** The session's log as it stands now: one read of its last revision. */
    AsOf now(UUID sessionId) {
        return new AsOf(stream.lastRevision(sessionId).orElse(-1L));
    }

    /**
     * The log up to a revision. A message whose view document reflects that revision or a later one needs no look:
     * the view applies a session's events in order, so it has applied whatever settled the message before. An older
     * document is looked up once in the log, up to the revision; that part of the log never changes.
     */
    final class AsOf implements TimelineReader.SettledSince {
        private final long lastRevision;
        private final Map<String, Boolean> looked = new ConcurrentHashMap<>();
        private volatile Optional<TimelineItems.ResponseItem> aheadOfView;

        private AsOf(long lastRevision) {
            this.lastRevision = lastRevision;
        }

        /**
         * An answer the log holds that the view does not show yet (the await began after the answer was stored, before
         * the view applied it) and that nothing after it settled: read from the log once, from just after {@code
         * viewRevision} (the latest event the view shows of the session) to its end, on the first call, which comes
         * after the await has registered for the tail's answers, so no answer falls between the two; later calls
         * answer what the first found.
         */
        Optional<TimelineItems.ResponseItem> answeredAheadOfView(UUID sessionId, LongSupplier viewRevision) {
            Optional<TimelineItems.ResponseItem> found = aheadOfView;
            if (found == null) {
                found = unsettledAnswerAfter(sessionId, viewRevision.getAsLong());
                aheadOfView = found;
            }
            return found;
        }

        private Optional<TimelineItems.ResponseItem> unsettledAnswerAfter(UUID sessionId, long viewRevision) {
            Map<UUID, DomainEventMessage<?>> answers = new LinkedHashMap<>();
            Iterator<TrackedEventMessage<?>> events = stream.from(sessionId, viewRevision + 1);
            while (events.hasNext()) {
                DomainEventMessage<?> event = (DomainEventMessage<?>) events.next();
                if (event.getPayload() instanceof ResponseSubmitted answer) {
                    answers.put(answer.messageId(), event);
                } else {
                    answers.keySet().removeIf(message -> settles(event.getPayload(), message));
                }
            }
            DomainEventMessage<?> latest = null;
            for (DomainEventMessage<?> answer : answers.values()) {
                latest = answer;
            }
            return latest == null ? Optional.empty() : Optional.of(item(latest));
        }

        /**
         * The answer an event read from the log's tail gives, as the timeline view will store it: an answer stored
         * after this revision was to a message still pending then (the session accepts answers to pending messages
         * only), and nothing older than the await can have settled it since.
         */
        Optional<TimelineItems.ResponseItem> answeredSince(DomainEventMessage<?> event) {
            if (event.getPayload() instanceof ResponseSubmitted && event.getSequenceNumber() > lastRevision) {
                return Optional.of(item(event));
            }
            return Optional.empty();
        }

        private static TimelineItems.ResponseItem item(DomainEventMessage<?> answer) {
            return TimelineItems.response(TimelineProjection.responseItem(
                    (ResponseSubmitted) answer.getPayload(),
                    answer.getMetaData(),
                    answer.getSequenceNumber(),
                    answer.getTimestamp()));
        }

        @Override
        public boolean settled(UUID sessionId, String messageId, long reflected) {
            if (reflected >= lastRevision) {
                return false;
            }
            return looked.computeIfAbsent(
                    messageId + "@" + reflected, key -> settledBetween(sessionId, messageId, reflected));
        }

        private boolean settledBetween(UUID sessionId, String messageId, long reflected) {
            UUID message = UUID.fromString(messageId);
            Iterator<TrackedEventMessage<?>> events = stream.from(sessionId, reflected + 1);
            while (events.hasNext()) {
                TrackedEventMessage<?> event = events.next();
                if (((DomainEventMessage<?>) event).getSequenceNumber() > lastRevision) {
                    return false;
                }
                if (settles(event.getPayload(), message)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static boolean settles(Object event, UUID message) {
        return event instanceof InteractionAcknowledged acknowledged
                        && acknowledged.messageId().equals(message)
                || event instanceof InteractionCancelled cancelled
                        && cancelled.messageId().equals(message)
                || event instanceof MessageExpired expired
                        && expired.messageId().equals(message)
                || event instanceof MessageDeleted deleted
                        && deleted.messageId().equals(message);
    }
}
