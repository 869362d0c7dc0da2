package dev.ledgerloop.events.agentlog;

import java.util.Objects;
import java.util.UUID;

/**
 * The agent recorded a communication it had outside Ledgerloop (an email, a chat message, a call).
 *
 * @param channel the medium, such as {@code email}
 * @param direction {@code inbound} or {@code outbound}
 * @param counterpart whom it was with, or null
 * @param summary free text, or null
 * @param sessionId the session it was about, or null
 */
public record CommunicationLogged(
        UUID agentId,
        UUID entryId,
        String channel,
        String direction,
        String counterpart,
        String summary,
        UUID sessionId)
        implements AgentLogEvent {

    public CommunicationLogged {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(direction, "direction");
    }
}
