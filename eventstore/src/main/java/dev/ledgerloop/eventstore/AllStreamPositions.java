package dev.ledgerloop.eventstore;

import com.eventstore.dbclient.ReadAllOptions;
import com.eventstore.dbclient.RecordedEvent;
import com.eventstore.dbclient.ResolvedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Finds tokens in {@code $all} by reading it backwards from the end. */
final class AllStreamPositions {
    private final ClientCalls calls;
    private final int pageSize;

    AllStreamPositions(ClientCalls calls, int pageSize) {
        this.calls = calls;
        this.pageSize = pageSize;
    }

    /** At the last event, whichever stream it is in; the tail when {@code $all} is empty. */
    EventStoreDbPositionToken head() {
        List<ResolvedEvent> last = calls.readAll(
                        ReadAllOptions.get().backwards().fromEnd().maxCount(1), "reading the end of $all")
                .getEvents();
        return last.isEmpty()
                ? EventStoreDbPositionToken.TAIL
                : EventStoreDbPositionToken.at(last.get(0).getEvent().getPosition());
    }

    /**
     * At the last event EventStoreDB stamped {@code created} before {@code time}; the tail when there is none. {@code
     * $all} has no time index, so the cost grows with the number of events written since {@code time}.
     */
    EventStoreDbPositionToken lastBefore(Instant time) {
        ReadAllOptions page = ReadAllOptions.get().backwards().fromEnd().maxCount(pageSize);
        while (true) {
            List<ResolvedEvent> events =
                    calls.readAll(page, "reading $all backwards").getEvents();
            for (ResolvedEvent resolved : events) {
                RecordedEvent event = resolved.getEvent();
                if (event.getCreated().isBefore(time)) {
                    return EventStoreDbPositionToken.at(event.getPosition());
                }
            }
            if (events.size() < pageSize) {
                return EventStoreDbPositionToken.TAIL;
            }
            // Reading backwards from a position excludes the event at it.
            page = ReadAllOptions.get()
                    .backwards()
                    .fromPosition(events.get(events.size() - 1).getEvent().getPosition())
                    .maxCount(pageSize);
        }
    }

    /**
     * How many aggregate events (not EventStoreDB's own) follow {@code after} in {@code $all}, counting at most {@code
     * limit}. Reads the records without decoding them.
     */
    long countAfter(EventStoreDbPositionToken after, long limit) {
        long counted = 0;
        EventStoreDbPositionToken lastRead = after;
        while (counted < limit) {
            // Reading forwards from a position includes the event at it, which is not counted: ask for one more.
            long requested = lastRead.isTail() ? pageSize : pageSize + 1L;
            ReadAllOptions options = ReadAllOptions.get().forwards().maxCount(requested);
            options = lastRead.isTail() ? options.fromStart() : options.fromPosition(lastRead.toPosition());
            List<ResolvedEvent> page =
                    calls.readAll(options, "counting $all after " + lastRead).getEvents();
            for (ResolvedEvent resolved : page) {
                EventStoreDbPositionToken token =
                        EventStoreDbPositionToken.at(resolved.getEvent().getPosition());
                if (lastRead.covers(token)) {
                    continue;
                }
                if (!AllStreamPager.isSystemEvent(resolved.getEvent()) && counted < limit) {
                    counted++;
                }
                lastRead = token;
            }
            if (page.size() < requested) {
                break;
            }
        }
        return counted;
    }

    /** When EventStoreDB recorded the event at {@code token}; empty for the tail or a position with no event. */
    Optional<Instant> recordedAt(EventStoreDbPositionToken token) {
        if (token.isTail()) {
            return Optional.empty();
        }
        List<ResolvedEvent> events = calls.readAll(
                        ReadAllOptions.get()
                                .forwards()
                                .fromPosition(token.toPosition())
                                .maxCount(1),
                        "reading the event at " + token)
                .getEvents();
        return events.isEmpty()
                        || !EventStoreDbPositionToken.at(
                                        events.get(0).getEvent().getPosition())
                                .equals(token)
                ? Optional.empty()
                : Optional.of(events.get(0).getEvent().getCreated());
    }
}
