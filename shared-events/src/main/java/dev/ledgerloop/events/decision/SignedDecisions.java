package dev.ledgerloop.events.decision;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.session.MessageEdited;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.ResponseSubmitted;
import dev.ledgerloop.events.session.SessionEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Checks every decision signature stored in a session's events, given in stream order: each answer's signature must
 * verify over the question as it stood at that point of the stream (its content after the edits before the answer)
 * and over the answer as stored. Used by the session verify endpoint and the offline verifier alike.
 */
public final class SignedDecisions {
    /** One stored signature that does not hold, and why ({@code QUESTION_MISSING}, {@code SIGNATURE_INVALID}). */
    public record Failure(UUID messageId, UUID responseId, String reason) {}

    /** How many answers carried a signature, and those that do not hold, in stream order. */
    public record Report(int signed, List<Failure> failures) {
        public boolean ok() {
            return failures.isEmpty();
        }
    }

    private record Question(EncryptedEnvelope content, EncryptedEnvelope components) {}

    private SignedDecisions() {}

    public static Report check(List<? extends SessionEvent> events) {
        Map<UUID, Question> questions = new HashMap<>();
        int signed = 0;
        List<Failure> failures = new ArrayList<>();
        for (SessionEvent event : events) {
            if (event instanceof MessageSent sent) {
                questions.put(sent.messageId(), new Question(sent.encryptedContent(), sent.encryptedComponents()));
            } else if (event instanceof MessageEdited edited) {
                questions.put(
                        edited.messageId(), new Question(edited.encryptedContent(), edited.encryptedComponents()));
            } else if (event instanceof ResponseSubmitted response && response.signature() != null) {
                signed++;
                Question question = questions.get(response.messageId());
                if (question == null) {
                    failures.add(new Failure(response.messageId(), response.responseId(), "QUESTION_MISSING"));
                } else if (!DecisionStatement.holds(
                        response.signature(),
                        response.sessionId(),
                        response.messageId(),
                        question.content(),
                        question.components(),
                        response.encryptedResponse())) {
                    failures.add(new Failure(response.messageId(), response.responseId(), "SIGNATURE_INVALID"));
                }
            }
        }
        return new Report(signed, List.copyOf(failures));
    }
}
