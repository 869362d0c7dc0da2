package dev.ledgerloop.service.notification;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An event as its subscribers see it, in webhooks and live streams alike: its public type ({@code session.message.new},
 * ...), whom it concerns (the space, the agent, the session: null where none) and its data (docs/api.md §Webhook
 * payloads).
 */
public record Notification(
        String type, UUID spaceId, UUID agentId, UUID sessionId, Instant at, Map<String, Object> data) {

    /** The JSON body with this id: {@code {id, type, createdAt, data}}. */
    public String body(Object id) {
        return NotificationPayloads.body(id, type, at, data);
    }
}
