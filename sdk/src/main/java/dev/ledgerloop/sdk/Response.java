package dev.ledgerloop.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A human's answer to a message, decrypted: {@code {"action", "values"?}}.
 *
 * @param id the response's id (the same answer read twice has the same id)
 * @param sessionId its session
 * @param messageId the answered message
 * @param userId the human who answered
 * @param action the button's action or {@code approve}, {@code reject}, {@code submit}; null when unreadable
 * @param values the form's values as a JSON object (empty when none; null when unreadable)
 * @param readable whether the agent's key opened it
 * @param createdAt when it was answered
 * @param signature the verified signature of the decision, or null when the answer was not signed
 * @param encryptedResponse the answer's envelope as stored
 */
public record Response(
        String id,
        String sessionId,
        String messageId,
        String userId,
        String action,
        JsonNode values,
        boolean readable,
        Instant createdAt,
        DecisionSignature signature,
        JsonNode encryptedResponse)
        implements TimelineItem {
    /** Whether the answer carries a signature (it has been verified if so). */
    public boolean isSigned() {
        return signature != null;
    }
}
