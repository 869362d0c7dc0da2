package dev.ledgerloop.eventstore;

import com.eventstore.dbclient.ReadAllOptions;
import com.eventstore.dbclient.RecordedEvent;
import com.eventstore.dbclient.ResolvedEvent;
import java.util.Deque;
import java.util.List;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;

/**
 * Reads the aggregate events of {@code $all} after a position, a page at a time, skipping EventStoreDB's own events
 * (streams or event types starting with {@code $}). An event the codec cannot decode does not stop the reader: an
 * {@link UnreadableEvent} stands in for it at its position, which processors park (docs/replay.md). Loading an
 * aggregate for a command reads its stream elsewhere and still fails on such an event. Not thread-safe: one reader
 * owns it.
 */
final class AllStreamPager {
    private final ClientCalls calls;
    private final EventRecordCodec codec;
    private final int pageSize;
    /** The last position read, an aggregate event or a skipped one: the next page starts after it. */
    private EventStoreDbPositionToken lastRead;

    private final RecentEvents recent;

    AllStreamPager(ClientCalls calls, EventRecordCodec codec, int pageSize, EventStoreDbPositionToken after) {
        this(calls, codec, pageSize, after, null);
    }

    /**
     * @param recent the newest events, taken from memory when they cover the position read from (a follower of the
     *     log's end); null to always read the server
     */
    AllStreamPager(
            ClientCalls calls,
            EventRecordCodec codec,
            int pageSize,
            EventStoreDbPositionToken after,
            RecentEvents recent) {
        this.calls = calls;
        this.codec = codec;
        this.pageSize = pageSize;
        this.lastRead = after;
        this.recent = recent;
    }

    /** Reads the next page into {@code ready}; true when the page was full, so that more may follow at once. */
    boolean readPageInto(Deque<TrackedEventMessage<?>> ready) {
        List<RecordedEvent> held = recent == null ? null : recent.after(lastRead, pageSize);
        if (held != null) {
            held.forEach(event -> take(event, ready));
            return held.size() == pageSize;
        }
        // Reading forwards from a position includes the event at it, which was read already: ask for one more.
        long requested = lastRead.isTail() ? pageSize : pageSize + 1L;
        ReadAllOptions options = ReadAllOptions.get().forwards().maxCount(requested);
        options = lastRead.isTail() ? options.fromStart() : options.fromPosition(lastRead.toPosition());
        List<ResolvedEvent> page =
                calls.readAll(options, "reading $all after " + lastRead).getEvents();
        for (ResolvedEvent resolved : page) {
            take(resolved.getEvent(), ready);
        }
        return page.size() == requested;
    }

    private void take(RecordedEvent event, Deque<TrackedEventMessage<?>> ready) {
        EventStoreDbPositionToken token = EventStoreDbPositionToken.at(event.getPosition());
        if (lastRead.covers(token)) {
            return;
        }
        if (!isSystemEvent(event)) {
            ready.add(new GenericTrackedDomainEventMessage<>(token, RecordedEvents.decodeOrStandIn(codec, event)));
        }
        lastRead = token;
    }

    /** EventStoreDB's own records: system streams, and the tombstones and links it writes into other streams. */
    static boolean isSystemEvent(RecordedEvent event) {
        return event.getStreamId().startsWith("$") || event.getEventType().startsWith("$");
    }
}
