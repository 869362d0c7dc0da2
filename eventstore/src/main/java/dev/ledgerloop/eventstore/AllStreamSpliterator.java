package dev.ledgerloop.eventstore;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Spliterator;
import java.util.function.Consumer;
import org.axonframework.eventhandling.TrackedEventMessage;

/**
 * The aggregate events of {@code $all} after a token, in {@code $all} order, read a page at a time. EventStoreDB's own
 * events (streams or event types starting with {@code $}) are skipped. At the end it either stops or, when given a
 * {@link NewEventSignal}, waits for new events until it is closed.
 */
final class AllStreamSpliterator implements Spliterator<TrackedEventMessage<?>> {
    private final AllStreamPager pager;
    private final NewEventSignal signal;
    private final Deque<TrackedEventMessage<?>> ready = new ArrayDeque<>();

    private volatile boolean closed;

    /** @param signal null for a stream that ends where {@code $all} ends */
    AllStreamSpliterator(
            ClientCalls calls,
            EventRecordCodec codec,
            int pageSize,
            EventStoreDbPositionToken after,
            NewEventSignal signal) {
        this.pager = new AllStreamPager(calls, codec, pageSize, after);
        this.signal = signal;
    }

    @Override
    public boolean tryAdvance(Consumer<? super TrackedEventMessage<?>> action) {
        while (ready.isEmpty()) {
            if (closed) {
                return false;
            }
            long generation = signal == null ? 0 : signal.current();
            boolean fullPage = pager.readPageInto(ready);
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
