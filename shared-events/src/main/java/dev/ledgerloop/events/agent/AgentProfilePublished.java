package dev.ledgerloop.events.agent;

import java.util.Objects;
import java.util.UUID;

/**
 * An agent published its public profile, which anyone may read by its slug without credentials (docs/api.md §Public
 * agent profiles). A later one replaces it whole; the slug is unique in the deployment.
 *
 * @param description null when not published
 * @param websiteUrl null when not published
 */
public record AgentProfilePublished(
        UUID agentId, String slug, String displayName, String description, String websiteUrl) implements AgentEvent {

    public AgentProfilePublished {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(displayName, "displayName");
    }
}
