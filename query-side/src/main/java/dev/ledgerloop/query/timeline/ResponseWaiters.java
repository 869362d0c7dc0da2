package dev.ledgerloop.query.timeline;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Agents waiting on {@code GET .../await} for an answer in a session. The timeline projection calls {@link
 * #responded} right after it stored an answer, and each waiter of that session checks the view again: waiting costs
 * nothing until an answer arrives. Only answers projected by this instance wake its waiters (see docs/services.md).
 */
@Component
class ResponseWaiters implements SmartLifecycle {
    private final Map<UUID, Set<Runnable>> waiting = new ConcurrentHashMap<>();
    private final Set<Runnable> onShutdown = ConcurrentHashMap.newKeySet();
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
        running = true;
    }

    /** Answers the waiting long-polls (as timed out) before the web server's graceful shutdown waits for them. */
    @Override
    public void stop() {
        running = false;
        onShutdown.forEach(Runnable::run);
    }

    @Override
    public boolean isRunning() {
        return running;
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
