package dev.ledgerloop.query.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ledgerloop.query.Views;
import java.time.Instant;
import java.util.Map;
import org.bson.Document;

/**
 * A timeline item as the API answers it: {@code kind} says which. A message item is docs/api.md's message object with
 * {@code kind: "message"}; a system item names what happened ({@code event}, e.g. {@code session.closed}).
 */
final class TimelineItems {
    static final String MESSAGE = "message";
    static final String SYSTEM = "system";
    static final String RESPONSE = "response";

    private TimelineItems() {}

    record MessageItem(
            String kind,
            String id,
            String sessionId,
            String senderType,
            String senderAgentId,
            String senderUserId,
            Map<String, Object> encryptedContent,
            Map<String, Object> encryptedComponents,
            boolean responseRequired,
            String status,
            String priority,
            Instant deadlineAt,
            String referenceId,
            Instant createdAt,
            Instant editedAt,
            Instant deletedAt) {}

    /** A lifecycle change; {@code userId} and {@code role} only for participant changes. */
    record SystemItem(
            String kind,
            String id,
            String sessionId,
            String event,
            @JsonInclude(JsonInclude.Include.NON_NULL) String userId,
            @JsonInclude(JsonInclude.Include.NON_NULL) String role,
            Instant createdAt) {}

    /** A participant's answer to the message {@code messageId}. */
    record ResponseItem(
            String kind,
            String id,
            String sessionId,
            String messageId,
            String userId,
            Map<String, Object> encryptedResponse,
            Instant createdAt) {}

    static ResponseItem response(Document item) {
        return new ResponseItem(
                RESPONSE,
                item.getString("_id"),
                item.getString("sessionId"),
                item.getString("messageId"),
                item.getString("userId"),
                item.get("encryptedResponse", Document.class),
                Views.instant(item.get("createdAt")));
    }

    static Object of(Document item) {
        if (SYSTEM.equals(item.getString("kind"))) {
            return new SystemItem(
                    SYSTEM,
                    item.getString("_id"),
                    item.getString("sessionId"),
                    item.getString("event"),
                    item.getString("userId"),
                    item.getString("role"),
                    Views.instant(item.get("createdAt")));
        }
        if (RESPONSE.equals(item.getString("kind"))) {
            return response(item);
        }
        return new MessageItem(
                MESSAGE,
                item.getString("_id"),
                item.getString("sessionId"),
                item.getString("senderType"),
                item.getString("senderAgentId"),
                item.getString("senderUserId"),
                item.get("encryptedContent", Document.class),
                item.get("encryptedComponents", Document.class),
                item.getBoolean("responseRequired", false),
                item.getString("status"),
                item.getString("priority"),
                Views.instant(item.get("deadlineAt")),
                item.getString("referenceId"),
                Views.instant(item.get("createdAt")),
                Views.instant(item.get("editedAt")),
                Views.instant(item.get("deletedAt")));
    }
}
