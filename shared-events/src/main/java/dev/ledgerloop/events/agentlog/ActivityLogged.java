package dev.ledgerloop.events.agentlog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.UUID;

/**
 * The agent recorded something it did.
 *
 * @param action what kind of thing, such as {@code deploy.started}
 * @param description free text, or null
 * @param sessionId the session it was about, or null
 * @param details a JSON object of the agent's choosing, or null
 */
public record ActivityLogged(
        UUID agentId, UUID entryId, String action, String description, UUID sessionId, JsonNode details)
        implements AgentLogEvent {

    public ActivityLogged {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(action, "action");
    }
}
