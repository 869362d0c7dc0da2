package dev.ledgerloop.events.agentlog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.events.crypto.SessionSealed;
import java.util.Objects;
import java.util.UUID;

/**
 * The agent recorded something it did.
 *
 * @param action what kind of thing, such as {@code deploy.started}
 * @param description free text, or null; always null when {@code sessionId} is given (it is sealed then)
 * @param sessionId the session it was about, or null
 * @param details a JSON object of the agent's choosing, or null; always null when {@code sessionId} is given
 * @param sealedText with a {@code sessionId}: {@code {description, details}} sealed under the session's data key
 *     ({@link AgentLogContent}), so that shredding the session erases it; else null
 */
public record ActivityLogged(
        UUID agentId,
        UUID entryId,
        String action,
        String description,
        UUID sessionId,
        JsonNode details,
        SessionSealed sealedText)
        implements AgentLogEvent {

    public ActivityLogged {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(action, "action");
    }
}
