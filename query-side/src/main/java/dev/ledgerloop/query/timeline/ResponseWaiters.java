package dev.ledgerloop.query.timeline;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Agents waiting on {@code GET .../await} for an answer in a session. The timeline projection calls {@link
 * #responded} right after it stored an answer, and each waiter of that session checks the view again: waiting costs
 * nothing until an answer arrives. Only answers projected by this instance wake its waiters (see docs/services.md).
 */
@Component
class ResponseWaiters {
    private final Map<UUID, Set<Runnable>> waiting = new ConcurrentHashMap<>();

    /** Runs {@code check} on every answer in the session until the returned handle is run. */
    Runnable register(UUID sessionId, Runnable check) {
        waiting.computeIfAbsent(sessionId, id -> ConcurrentHashMap.newKeySet()).add(check);
        return () -> waiting.computeIfPresent(sessionId, (id, checks) -> {
            checks.remove(check);
            return checks.isEmpty() ? null : checks;
        });
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
