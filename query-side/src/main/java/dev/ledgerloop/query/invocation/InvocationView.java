package dev.ledgerloop.query.invocation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerloop.query.Views;
import dev.ledgerloop.query.shredding.Erasure;
import java.time.Instant;
import java.util.Map;
import org.bson.Document;

/** The invocation object (docs/api.md §Commands), read from the {@code invocations} view. */
record InvocationView(
        String id,
        String agentId,
        String sessionId,
        String command,
        Map<String, Object> encryptedArguments,
        JsonNode arguments,
        String status,
        String requestedBy,
        Map<String, Object> encryptedResult,
        String error,
        boolean erased,
        Instant createdAt,
        Instant completedAt,
        Instant expiresAt) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static InvocationView of(Document document) {
        return new InvocationView(
                document.getString("_id"),
                document.getString("agentId"),
                document.getString("sessionId"),
                document.getString("command"),
                document.get("encryptedArguments", Document.class),
                json(document.getString("arguments")),
                document.getString("status"),
                document.getString("requestedBy"),
                document.get("encryptedResult", Document.class),
                document.getString("error"),
                Boolean.TRUE.equals(document.getBoolean(Erasure.ERASED)),
                Views.instant(document.get("createdAt")),
                Views.instant(document.get("completedAt")),
                Views.instant(document.get("expiresAt")));
    }

    private static JsonNode json(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The invocations view holds arguments that are not JSON", e);
        }
    }
}
