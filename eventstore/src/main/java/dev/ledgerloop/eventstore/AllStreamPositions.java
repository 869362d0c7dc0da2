package dev.ledgerloop.eventstore;

import com.eventstore.dbclient.ReadAllOptions;
import com.eventstore.dbclient.RecordedEvent;
import com.eventstore.dbclient.ResolvedEvent;
import java.time.Instant;
import java.util.List;

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
}
