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
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Agents waiting on {@code GET .../await} for an answer in a session. The timeline projection calls {@link
 * #responded} right after it stored an answer, and each waiter of that session checks the view again: waiting costs
 * nothing until an answer arrives.
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

    private final Map<UUID, Set<Runnable>> waiting = new ConcurrentHashMap<>();
    private final Set<Runnable> onShutdown = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService looks;
    private volatile boolean running;

    /**
     * Runs {@code check} on every answer in the session, and {@code shutdown} if this instance stops first, until the
     * returned handle is run.
     */
    Runnable register(UUID sessionId, Runnable check, Runnable shutdown) {
        waiting.computeIfAbsent(sessionId, id -> ConcurrentHashMap.newKeySet()).add(check);
        onShutdown.add(shutdown);
        return () -> {
            onShutdown.remove(shutdown);
            waiting.computeIfPresent(sessionId, (id, checks) -> {
                checks.remove(check);
                return checks.isEmpty() ? null : checks;
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
    public void onTailEvent(Object payload) {
        UUID sessionId = wakingSession(payload);
        if (sessionId != null && looks != null) {
            try {
                for (long after : LOOK_AGAIN_AFTER) {
                    looks.schedule(() -> responded(sessionId), after, TimeUnit.MILLISECONDS);
                }
            } catch (RejectedExecutionException stopping) {
                // This instance is stopping; its waiters are being answered as timed out.
            }
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
        Set<Runnable> checks = waiting.get(sessionId);
        if (checks != null) {
            checks.forEach(Runnable::run);
        }
    }

    int waiting() {
        return waiting.values().stream().mapToInt(Set::size).sum();
    }
}
