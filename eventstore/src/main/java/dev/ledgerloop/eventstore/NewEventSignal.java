package dev.ledgerloop.eventstore;

import com.eventstore.dbclient.ReadAllOptions;
import com.eventstore.dbclient.ResolvedEvent;
import com.eventstore.dbclient.SubscribeToAllOptions;
import com.eventstore.dbclient.Subscription;
import com.eventstore.dbclient.SubscriptionFilter;
import com.eventstore.dbclient.SubscriptionListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.axonframework.common.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells blocking readers of {@code $all} that new events were written, by anyone: one live {@code $all} subscription
 * from the end, used only as a wake-up (the events themselves are read by paging). Every event moves a generation
 * counter; a reader notes the generation, reads, and sleeps only while it has not moved, so no write is missed.
 */
final class NewEventSignal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NewEventSignal.class);

    /** Streams whose names do not start with {@code $}; the client sends this as the server-side filter's regex. */
    private static final String NON_SYSTEM_STREAMS = "^[^$]";

    private final ClientCalls calls;
    private final Duration recheckInterval;
    private final RecentEvents recent;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private long generation;
    private CompletableFuture<Subscription> subscription;
    private boolean closed;

    /**
     * @param recheckInterval the longest a reader sleeps without a signal: a safety net should a subscription end
     *     without telling (it then re-reads one page), not the way new events are found
     */
    NewEventSignal(ClientCalls calls, Duration recheckInterval, RecentEvents recent) {
        this.calls = calls;
        this.recheckInterval = recheckInterval;
        this.recent = recent;
    }

    /**
     * Makes sure the wake-up subscription is live, then returns the current generation. Any event written after this
     * returns moves the generation, so a read that starts now and finds nothing can safely wait for a change.
     */
    long current() {
        CompletableFuture<Subscription> live;
        lock.lock();
        try {
            if (closed) {
                return generation;
            }
            if (subscription == null) {
                subscription = subscribe();
            }
            live = subscription;
        } finally {
            lock.unlock();
        }
        try {
            calls.await(live, "subscribing to $all for new-event notifications");
        } catch (RuntimeException e) {
            if (live.isCompletedExceptionally()) {
                // A timed-out wait cancels the future: kept, it would fail every later call.
                forget(live);
            }
            throw e;
        }
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the generation moves past {@code seen}, {@code stop} turns true, this signal closes or the recheck
     * interval passes.
     *
     * @return false when there is nothing more to wait for: this signal is closed, or the waiting thread was
     *     interrupted (its interrupt flag is set again)
     */
    boolean awaitChange(long seen, BooleanSupplier stop) {
        long remaining = recheckInterval.toNanos();
        lock.lock();
        try {
            while (generation == seen && !closed && !stop.getAsBoolean() && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Also runs {@code listener} each time the generation moves, on the client's thread: it must return quickly.
     * The subscription is opened by {@link #current()}, which a listener's owner calls before relying on it.
     */
    Registration onChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Waits until the generation moves past {@code seen}, this signal closes or {@code nanos} pass.
     *
     * @return the nanoseconds left
     */
    long awaitChange(long seen, long nanos) throws InterruptedException {
        long remaining = nanos;
        lock.lock();
        try {
            while (generation == seen && !closed && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
            return remaining;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiting reader so that it re-checks its own stop condition. */
    void wakeAll() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        CompletableFuture<Subscription> last;
        lock.lock();
        try {
            closed = true;
            last = subscription;
            subscription = null;
            recent.forget();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (last != null) {
            last.thenAccept(Subscription::stop);
        }
    }

    /**
     * Subscribes after the last event of {@code $all} as read just before, so that what the subscription delivers is
     * exactly every event after a known position: {@link RecentEvents} keeps the newest of them for the followers.
     */
    private CompletableFuture<Subscription> subscribe() {
        CompletableFuture<Subscription> pending = new CompletableFuture<>();
        calls.readAllAsync(ReadAllOptions.get().backwards().fromEnd().maxCount(1))
                .thenCompose(last -> {
                    SubscribeToAllOptions options = SubscribeToAllOptions.get()
                            .filter(SubscriptionFilter.newBuilder()
                                    .withStreamNameRegularExpression(NON_SYSTEM_STREAMS)
                                    .build());
                    EventStoreDbPositionToken after = last.getEvents().isEmpty()
                            ? EventStoreDbPositionToken.TAIL
                            : EventStoreDbPositionToken.at(
                                    last.getEvents().get(0).getEvent().getPosition());
                    options = after.isTail() ? options.fromStart() : options.fromPosition(after.toPosition());
                    long run = recent.startAfter(after);
                    return calls.client().subscribeToAll(new Listener(pending, run), options);
                })
                .whenComplete((live, failure) -> {
                    if (failure != null) {
                        forget(pending);
                        pending.completeExceptionally(failure);
                    } else if (!pending.complete(live)) {
                        // Given up on (its wait timed out) before it was confirmed: nobody will stop it otherwise.
                        live.stop();
                    }
                });
        return pending;
    }

    private void moved() {
        lock.lock();
        try {
            generation++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        notifyListeners();
    }

    private void notifyListeners() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("A new-event listener failed", e);
            }
        }
    }

    /** Drops a failed subscription so that the next reader opens a new one; wakes readers so that they do. */
    private void forget(CompletableFuture<Subscription> failed) {
        lock.lock();
        try {
            if (subscription == failed) {
                subscription = null;
                recent.forget();
            }
            generation++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        notifyListeners();
    }

    private final class Listener extends SubscriptionListener {
        private final CompletableFuture<Subscription> owner;
        private final long run;

        Listener(CompletableFuture<Subscription> owner, long run) {
            this.owner = owner;
            this.run = run;
        }

        @Override
        public void onEvent(Subscription subscription, ResolvedEvent event) {
            // Held before the generation moves: a follower woken by the move finds the event.
            recent.add(run, event.getEvent());
            moved();
        }

        @Override
        public void onCancelled(Subscription subscription, Throwable exception) {
            if (exception != null) {
                log.warn("The $all wake-up subscription ended; the next blocking read opens a new one", exception);
            }
            forget(owner);
        }
    }
}
