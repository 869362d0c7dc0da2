package dev.ledgerloop.events.agentlog;

import dev.ledgerloop.events.crypto.SessionSealed;
import java.util.Objects;
import java.util.UUID;

/**
 * The agent recorded a communication it had outside Ledgerloop (an email, a chat message, a call).
 *
 * @param channel the medium, such as {@code email}
 * @param direction {@code inbound} or {@code outbound}
 * @param counterpart whom it was with, or null; always null when {@code sessionId} is given (it is sealed then)
 * @param summary free text, or null; always null when {@code sessionId} is given
 * @param sessionId the session it was about, or null
 * @param sealedText with a {@code sessionId}: {@code {counterpart, summary}} sealed under the session's data key
 *     ({@link AgentLogContent}), so that shredding the session erases it; else null
 */
public record CommunicationLogged(
        UUID agentId,
        UUID entryId,
        String channel,
        String direction,
        String counterpart,
        String summary,
        UUID sessionId,
        SessionSealed sealedText)
        implements AgentLogEvent {

    public CommunicationLogged {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(direction, "direction");
    }
}
