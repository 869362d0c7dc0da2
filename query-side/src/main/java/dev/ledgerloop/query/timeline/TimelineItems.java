package dev.ledgerloop.query.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ledgerloop.query.Views;
import dev.ledgerloop.query.shredding.Erasure;
import java.time.Instant;
import java.util.Map;
import org.bson.Document;

/**
 * A timeline item as the API answers it: {@code kind} says which. A message item is docs/api.md's message object with
 * {@code kind: "message"}; a system item names what happened ({@code event}, e.g. {@code session.closed}).
 */
public final class TimelineItems {
    static final String MESSAGE = "message";
    static final String SYSTEM = "system";
    static final String RESPONSE = "response";

    private TimelineItems() {}

    public record MessageItem(
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

    /**
     * A participant's answer to the message {@code messageId}; {@code signature} is the human's decision signature
     * (docs/api.md §Signed decisions), null for an unsigned answer.
     */
    public record ResponseItem(
            String kind,
            String id,
            String sessionId,
            String messageId,
            String userId,
            Map<String, Object> encryptedResponse,
            Map<String, Object> signature,
            Instant createdAt) {}

    /**
     * An item of a shredded session: its kind, place and time stay (they are in the log's clear metadata), its
     * content is gone. {@code event} names a system item's change, as on a live one.
     */
    record ErasedItem(
            String kind,
            String id,
            String sessionId,
            @JsonInclude(JsonInclude.Include.NON_NULL) String event,
            boolean erased,
            Instant createdAt) {}

    static ResponseItem response(Document item) {
        return new ResponseItem(
                RESPONSE,
                item.getString("_id"),
                item.getString("sessionId"),
                item.getString("messageId"),
                item.getString("userId"),
                item.get("encryptedResponse", Document.class),
                item.get("signature", Document.class),
                Views.instant(item.get("createdAt")));
    }

    static Object of(Document item) {
        if (item.getBoolean(Erasure.ERASED, false)) {
            return new ErasedItem(
                    item.getString("kind"),
                    item.getString("_id"),
                    item.getString("sessionId"),
                    item.getString("event"),
                    true,
                    Views.instant(item.get("createdAt")));
        }
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
        return message(item);
    }

    static MessageItem message(Document item) {
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
