package dev.ledgerloop.service.notification;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An event as its subscribers see it, in webhooks and live streams alike: its public type ({@code session.message.new},
 * ...), whom it concerns (the space, the agent, the session: null where none; for a channel's events, its
 * participants) and its data (docs/api.md §Webhook payloads).
 *
 * @param agentId the agent the event is about: a session's or invocation's agent, the agent that acted in a channel
 * @param participantIds the agents taking part in the channel after the event (for a removal, the removed agent too),
 *     who see it on their live streams; empty for anything but a channel
 */
public record Notification(
        String type,
        UUID spaceId,
        UUID agentId,
        UUID sessionId,
        Instant at,
        Map<String, Object> data,
        List<UUID> participantIds) {

    public Notification {
        participantIds = participantIds == null ? List.of() : List.copyOf(participantIds);
    }

    public Notification(String type, UUID spaceId, UUID agentId, UUID sessionId, Instant at, Map<String, Object> data) {
        this(type, spaceId, agentId, sessionId, at, data, List.of());
    }

    /** Whether the event is this agent's: about it, or about a channel it takes part in. */
    public boolean concerns(UUID agent) {
        return agent.equals(agentId) || participantIds.contains(agent);
    }

    /** The JSON body with this id: {@code {id, type, createdAt, data}}. */
    public String body(Object id) {
        return NotificationPayloads.body(id, type, at, data);
    }
}
