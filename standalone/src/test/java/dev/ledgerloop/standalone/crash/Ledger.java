package dev.ledgerloop.standalone.crash;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clients' ground truth: every write the system answered with 2xx, and the answers whose fate is unknown (sent,
 * but the connection died before the answer: they may or may not have happened).
 */
final class Ledger {
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** One session and what was acknowledged in it. */
    static final class Session {
        final String id;
        /** Messages acknowledged (agent's and human's). */
        final Set<String> messages = ConcurrentHashMap.newKeySet();
        /** Responses acknowledged. */
        final Set<String> responses = ConcurrentHashMap.newKeySet();
        /** Questions acknowledged (responseRequired), with their deadline if they have one. */
        final Map<String, Optional<Instant>> questions = new ConcurrentHashMap<>();
        /** Questions answered with 201. */
        final Set<String> answered = ConcurrentHashMap.newKeySet();
        /** Questions an answer was sent to without a definite answer (it may have been stored). */
        final Set<String> answersInDoubt = ConcurrentHashMap.newKeySet();
        /** Questions the system refused to answer (409: expired, or answered by an answer in doubt). */
        final Set<String> closed = ConcurrentHashMap.newKeySet();

        volatile boolean humanParticipant;

        Session(String id) {
            this.id = id;
        }

        /** A question that may still be answered, as far as this client knows. */
        Optional<String> openQuestion(Instant now) {
            return questions.entrySet().stream()
                    .filter(question -> !answered.contains(question.getKey())
                            && !answersInDoubt.contains(question.getKey())
                            && !closed.contains(question.getKey()))
                    .filter(question -> question.getValue()
                            .map(now.plusMillis(300)::isBefore)
                            .orElse(true))
                    .map(Map.Entry::getKey)
                    .findFirst();
        }
    }

    Session opened(String sessionId) {
        return sessions.computeIfAbsent(sessionId, Session::new);
    }

    Collection<Session> sessions() {
        return sessions.values();
    }

    int acknowledgedWrites() {
        return sessions.values().stream()
                .mapToInt(session -> 1 + session.messages.size() + session.responses.size())
                .sum();
    }
}
