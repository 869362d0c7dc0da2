package dev.ledgerloop.eventstore;

import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.ReadAllOptions;
import com.eventstore.dbclient.RecordedEvent;
import com.eventstore.dbclient.ResolvedEvent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Spliterator;
import java.util.function.Consumer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;

/**
 * The aggregate events of {@code $all} after a token, in {@code $all} order, read a page at a time. EventStoreDB's own
 * events (streams or event types starting with {@code $}) are skipped. At the end it either stops or, when given a
 * {@link NewEventSignal}, waits for new events until it is closed.
 */
final class AllStreamSpliterator implements Spliterator<TrackedEventMessage<?>> {
    private final EventStoreDBClient client;
    private final EventRecordCodec codec;
    private final int pageSize;
    private final NewEventSignal signal;
    private final Deque<TrackedEventMessage<?>> ready = new ArrayDeque<>();
    /** The last position read, an aggregate event or a skipped one: the next page starts after it. */
    private EventStoreDbPositionToken lastRead;

    private volatile boolean closed;

    /** @param signal null for a stream that ends where {@code $all} ends */
    AllStreamSpliterator(
            EventStoreDBClient client,
            EventRecordCodec codec,
            int pageSize,
            EventStoreDbPositionToken after,
            NewEventSignal signal) {
        this.client = client;
        this.codec = codec;
        this.pageSize = pageSize;
        this.lastRead = after;
        this.signal = signal;
    }

    @Override
    public boolean tryAdvance(Consumer<? super TrackedEventMessage<?>> action) {
        while (ready.isEmpty()) {
            if (closed) {
                return false;
            }
            long generation = signal == null ? 0 : signal.current();
            boolean fullPage = readPage();
            if (!ready.isEmpty() || fullPage) {
                continue;
            }
            if (signal == null || !signal.awaitChange(generation, () -> closed)) {
                return false;
            }
        }
        action.accept(ready.removeFirst());
        return true;
    }

    /** Reads the next page into {@link #ready}; true when the page was full, so that more may follow at once. */
    private boolean readPage() {
        // Reading forwards from a position includes the event at it, which was read already: ask for one more.
        long requested = lastRead.isTail() ? pageSize : pageSize + 1L;
        ReadAllOptions options = ReadAllOptions.get().forwards().maxCount(requested);
        options = lastRead.isTail() ? options.fromStart() : options.fromPosition(lastRead.toPosition());
        List<ResolvedEvent> page = ClientCalls.await(client.readAll(options), "reading $all after " + lastRead)
                .getEvents();
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

    /** Ends the stream; a reader waiting for new events returns at once. */
    void close() {
        closed = true;
        if (signal != null) {
            signal.wakeAll();
        }
    }

    @Override
    public Spliterator<TrackedEventMessage<?>> trySplit() {
        return null;
    }

    @Override
    public long estimateSize() {
        return Long.MAX_VALUE;
    }

    @Override
    public int characteristics() {
        return ORDERED | NONNULL;
    }
}
