package dev.ledgerloop.query.history;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ledgerloop.query.session.SessionStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.stereotype.Component;

/**
 * Sessions' streams as read so far, decoded (docs/replay.md §Point in time): the log is append-only, so a history reads
 * only the events after those it already holds. Bounded (200,000 events together, idle streams dropped after 10
 * minutes); a session's stream is dropped when its shredding is met, as the codec's decoded events are.
 */
@Component
class DecodedStreams {
    private static final long EVENTS = 200_000;

    private final SessionStream stream;
    private final Cache<UUID, List<TrackedEventMessage<?>>> read = Caffeine.newBuilder()
            .maximumWeight(EVENTS)
            .weigher((UUID session, List<TrackedEventMessage<?>> events) -> events.size())
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    DecodedStreams(SessionStream stream) {
        this.stream = stream;
    }

    /** Every event of the session's stream, oldest first; empty when it has none. */
    List<TrackedEventMessage<?>> all(UUID sessionId) {
        List<TrackedEventMessage<?>> known = read.getIfPresent(sessionId);
        List<TrackedEventMessage<?>> before = known == null ? List.of() : known;
        long next =
                before.isEmpty() ? 0 : ((DomainEventMessage<?>) before.get(before.size() - 1)).getSequenceNumber() + 1;
        Iterator<TrackedEventMessage<?>> after = stream.from(sessionId, next);
        if (!after.hasNext()) {
            return before;
        }
        List<TrackedEventMessage<?>> all = new ArrayList<>(before);
        after.forEachRemaining(all::add);
        List<TrackedEventMessage<?>> now = List.copyOf(all);
        read.put(sessionId, now);
        return now;
    }

    void forget(UUID sessionId) {
        read.invalidate(sessionId);
    }
}
