package dev.ledgerloop.eventstore;

import com.eventstore.dbclient.ReadAllOptions;
import com.eventstore.dbclient.RecordedEvent;
import com.eventstore.dbclient.ResolvedEvent;
import java.util.Deque;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;

/**
 * Reads the aggregate events of {@code $all} after a position, a page at a time, skipping EventStoreDB's own events
 * (streams or event types starting with {@code $}). Not thread-safe: one reader owns it.
 */
final class AllStreamPager {
    private final ClientCalls calls;
    private final EventRecordCodec codec;
    private final int pageSize;
    /** The last position read, an aggregate event or a skipped one: the next page starts after it. */
    private EventStoreDbPositionToken lastRead;

    AllStreamPager(ClientCalls calls, EventRecordCodec codec, int pageSize, EventStoreDbPositionToken after) {
        this.calls = calls;
        this.codec = codec;
        this.pageSize = pageSize;
        this.lastRead = after;
    }

    /** Reads the next page into {@code ready}; true when the page was full, so that more may follow at once. */
    boolean readPageInto(Deque<TrackedEventMessage<?>> ready) {
        // Reading forwards from a position includes the event at it, which was read already: ask for one more.
        long requested = lastRead.isTail() ? pageSize : pageSize + 1L;
        ReadAllOptions options = ReadAllOptions.get().forwards().maxCount(requested);
        options = lastRead.isTail() ? options.fromStart() : options.fromPosition(lastRead.toPosition());
        List<ResolvedEvent> page =
                calls.readAll(options, "reading $all after " + lastRead).getEvents();
        for (ResolvedEvent resolved : page) {
            RecordedEvent event = resolved.getEvent();
            EventStoreDbPositionToken token = EventStoreDbPositionToken.at(event.getPosition());
            if (lastRead.covers(token)) {
                continue;
            }
            if (!isSystemEvent(event)) {
                ready.add(new GenericTrackedDomainEventMessage<>(token, decode(event)));
            }
            // Only now: an event that cannot be decoded is where a new read of this stream starts again.
            lastRead = token;
        }
        return page.size() == requested;
    }

    /** EventStoreDB's own records: system streams, and the tombstones and links it writes into other streams. */
    static boolean isSystemEvent(RecordedEvent event) {
        return event.getStreamId().startsWith("$") || event.getEventType().startsWith("$");
    }

    private DomainEventMessage<?> decode(RecordedEvent event) {
        try {
            return codec.decode(event);
        } catch (RuntimeException e) {
            throw new EventStoreException(
                    "Cannot decode " + event.getEventType() + " at revision " + event.getRevision() + " of "
                            + event.getStreamId() + " (" + EventStoreDbPositionToken.at(event.getPosition()) + ")",
                    e);
        }
    }
}
