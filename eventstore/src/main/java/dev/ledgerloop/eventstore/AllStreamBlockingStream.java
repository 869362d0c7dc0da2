package dev.ledgerloop.eventstore;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.Registration;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;

/**
 * {@code $all} as the stream a streaming processor reads: pages read on demand, and an availability callback driven
 * by the engine's {@link NewEventSignal}, so that a pooled streaming processor is woken when events are written
 * instead of polling (without a callback Axon's coordinator re-checks every 500 ms).
 *
 * <p>An empty read is not repeated until the signal has moved: checking for events costs nothing while none are
 * written. Used by one processor thread at a time, as Axon does; only the callback comes from another thread.
 */
final class AllStreamBlockingStream implements BlockingStream<TrackedEventMessage<?>> {
    private final AllStreamPager pager;
    private final NewEventSignal signal;
    private final Deque<TrackedEventMessage<?>> ready = new ArrayDeque<>();
    private final long recheckNanos;
    private long emptyAtGeneration = -1;
    private long emptyAtNanos;
    private volatile Registration callback;
    private volatile boolean closed;

    /**
     * @param recheck how long an empty read stands without a signal; past it the next check reads again, a safety net
     *     should the signal's subscription end without telling
     */
    AllStreamBlockingStream(AllStreamPager pager, NewEventSignal signal, Duration recheck) {
        this.pager = pager;
        this.signal = signal;
        this.recheckNanos = recheck.toNanos();
    }

    @Override
    public Optional<TrackedEventMessage<?>> peek() {
        fill();
        return Optional.ofNullable(ready.peekFirst());
    }

    @Override
    public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
        long remaining = unit.toNanos(timeout);
        while (true) {
            long generation = fill();
            if (!ready.isEmpty()) {
                return true;
            }
            if (closed || remaining <= 0) {
                return false;
            }
            long slice = Math.min(remaining, recheckNanos);
            remaining -= slice - signal.awaitChange(generation, slice);
        }
    }

    @Override
    public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
        while (!hasNextAvailable(Integer.MAX_VALUE, TimeUnit.MILLISECONDS)) {
            if (closed) {
                throw new IllegalStateException("The $all stream is closed");
            }
        }
        return ready.removeFirst();
    }

    @Override
    public boolean setOnAvailableCallback(Runnable onAvailable) {
        Registration previous = callback;
        if (previous != null) {
            previous.cancel();
        }
        callback = signal.onChange(onAvailable);
        // The subscription behind the signal must be live before the caller relies on being called back.
        signal.current();
        return true;
    }

    @Override
    public void close() {
        closed = true;
        Registration registered = callback;
        if (registered != null) {
            registered.cancel();
        }
        signal.wakeAll();
    }

    /**
     * Reads pages until something is ready or {@code $all} is read to its end, unless the last read found the end
     * and nothing was written since.
     *
     * @return the signal's generation before the read: waiting for it to move cannot miss a write
     */
    private long fill() {
        long generation = signal.current();
        if (!ready.isEmpty()
                || closed
                || (generation == emptyAtGeneration && System.nanoTime() - emptyAtNanos < recheckNanos)) {
            return generation;
        }
        boolean fullPage;
        do {
            fullPage = pager.readPageInto(ready);
        } while (ready.isEmpty() && fullPage);
        if (ready.isEmpty()) {
            emptyAtGeneration = generation;
            emptyAtNanos = System.nanoTime();
        }
        return generation;
    }
}
