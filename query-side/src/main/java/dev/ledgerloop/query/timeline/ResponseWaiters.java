package dev.ledgerloop.query.timeline;

import dev.ledgerloop.events.session.InteractionAcknowledged;
import dev.ledgerloop.events.session.InteractionCancelled;
import dev.ledgerloop.events.session.MessageExpired;
import dev.ledgerloop.events.session.ResponseSubmitted;
import dev.ledgerloop.query.live.TailListener;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Agents waiting on {@code GET .../await} for an answer in a session. Each waiter hears every answer (and every change
 * of a message's status) of its session from this instance's read of the log's tail ({@link TailListener}) as soon as
 * the log holds it, and may answer from that event alone ({@link Waiter#heard}): the timeline view follows the log a
 * little later, seconds under load. The timeline projection also calls {@link #responded} right after it stored an
 * answer, and each waiter of that session checks the view again: waiting costs nothing until an answer arrives.
 *
 * <p>With several query-side instances the answer may be projected by another one. So every instance also hears each
 * answer (and each acknowledgement, cancellation and expiry, which end a legacy interaction's wait) from its own read of the
 * log's tail ({@link TailListener}), usually before the other instance has stored it
 * in the view, and has its waiters of that session look again a few times over the next seconds, sooner first, until
 * the view has caught up (see docs/services.md#several-query-side-instances). The looks go on whether or not anyone
 * waits yet, so a waiter that registers between the tail's read and the view's write is woken too.
 */
@Component
class ResponseWaiters implements SmartLifecycle, TailListener {
    /** When the waiters of a session look again after its answer was read from the tail, in ms after the read. */
    private static final long[] LOOK_AGAIN_AFTER = {0, 5, 10, 20, 40, 80, 160, 320, 640, 1_280, 2_560};

    private final Map<UUID, Set<Waiter>> waiting = new ConcurrentHashMap<>();
    private final Set<Runnable> onShutdown = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService looks;
    private volatile boolean running;

    /** One await: what it does when the view may show more, and when the tail read an event of its session. */
    interface Waiter {
        /** The view may show what it waits for now. */
        void lookAgain();

        /** The tail read this event of the session, which the view may not show yet. */
        void heard(DomainEventMessage<?> event);
    }

    /**
     * Tells {@code waiter} of every answer in the session, and runs {@code shutdown} if this instance stops first,
     * until the returned handle is run.
     */
    Runnable register(UUID sessionId, Waiter waiter, Runnable shutdown) {
        waiting.computeIfAbsent(sessionId, id -> ConcurrentHashMap.newKeySet()).add(waiter);
        onShutdown.add(shutdown);
        return () -> {
            onShutdown.remove(shutdown);
            waiting.computeIfPresent(sessionId, (id, waiters) -> {
                waiters.remove(waiter);
                return waiters.isEmpty() ? null : waiters;
            });
        };
    }

    @Override
    public void start() {
        looks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "await-look-again");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
    }

    /** Answers the waiting long-polls (as timed out) before the web server's graceful shutdown waits for them. */
    @Override
    public void stop() {
        running = false;
        if (looks != null) {
            looks.shutdownNow();
        }
        onShutdown.forEach(Runnable::run);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void onTailEvent(TrackedEventMessage<?> message) {
        UUID sessionId = wakingSession(message.getPayload());
        if (sessionId != null && looks != null && message instanceof DomainEventMessage<?> event) {
            // On the tail's thread: building an answer from the event is cheap, and the looks below may queue.
            heard(sessionId, event);
            try {
                for (long after : LOOK_AGAIN_AFTER) {
                    looks.schedule(() -> responded(sessionId), after, TimeUnit.MILLISECONDS);
                }
            } catch (RejectedExecutionException stopping) {
                // This instance is stopping; its waiters are being answered as timed out.
            }
        }
    }

    private void heard(UUID sessionId, DomainEventMessage<?> event) {
        eachWaiter(sessionId, waiter -> waiter.heard(event));
    }

    private void eachWaiter(UUID sessionId, Consumer<Waiter> action) {
        Set<Waiter> waiters = waiting.get(sessionId);
        if (waiters != null) {
            waiters.forEach(action);
        }
    }

    /** The session whose waiters the event may satisfy: the same events that wake them on the projecting instance. */
    private static UUID wakingSession(Object payload) {
        if (payload instanceof ResponseSubmitted event) {
            return event.sessionId();
        }
        if (payload instanceof InteractionAcknowledged event) {
            return event.sessionId();
        }
        if (payload instanceof InteractionCancelled event) {
            return event.sessionId();
        }
        if (payload instanceof MessageExpired event) {
            return event.sessionId();
        }
        return null;
    }

    void responded(UUID sessionId) {
        eachWaiter(sessionId, Waiter::lookAgain);
    }

    int waiting() {
        return waiting.values().stream().mapToInt(Set::size).sum();
    }
}
