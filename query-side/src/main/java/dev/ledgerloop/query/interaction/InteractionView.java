package dev.ledgerloop.query.interaction;

import dev.ledgerloop.query.session.SessionView;
import dev.ledgerloop.query.timeline.TimelineItems.MessageItem;
import dev.ledgerloop.query.timeline.TimelineItems.ResponseItem;
import dev.ledgerloop.query.timeline.TimelineReader.FirstMessage;
import java.time.Instant;
import java.util.Map;

/**
 * docs/api.md's legacy interaction object: the session opened as an interaction, its first message (the request) and
 * the answer to it. {@code status} is derived from the request: see {@link #status}.
 */
record InteractionView(
        String id,
        String type,
        String status,
        String agentId,
        Map<String, Object> encryptedTitle,
        String requestMessageId,
        Map<String, Object> encryptedContent,
        Map<String, Object> encryptedComponents,
        String priority,
        Instant deadlineAt,
        String referenceId,
        ResponseItem response,
        String sessionStatus,
        Instant createdAt,
        Instant updatedAt) {
    static final String PENDING = "pending";

    static InteractionView of(SessionView session, FirstMessage first) {
        MessageItem request = first.message();
        ResponseItem response = first.response().orElse(null);
        return new InteractionView(
                session.id(),
                session.interactionType(),
                status(request, response != null),
                session.agentId(),
                session.encryptedTitle(),
                request.id(),
                request.encryptedContent(),
                request.encryptedComponents(),
                request.priority(),
                request.deadlineAt(),
                request.referenceId(),
                response,
                session.status(),
                session.createdAt(),
                session.updatedAt());
    }

    /**
     * The request's message status in the interaction's words: {@code pending} (not answered yet), {@code responded}
     * (answered, not acknowledged), {@code acknowledged}, {@code cancelled}, {@code expired}, or {@code deleted} when
     * the agent deleted the request through the session routes.
     */
    static String status(MessageItem request, boolean answered) {
        if (request.deletedAt() != null) {
            return "deleted";
        }
        return switch (request.status()) {
            case "Completed" -> "acknowledged";
            case "Cancelled" -> "cancelled";
            case "Expired" -> "expired";
            default -> answered ? "responded" : PENDING;
        };
    }

    boolean settled() {
        return !PENDING.equals(status);
    }
}
