package dev.ledgerloop.command.agent;

import dev.ledgerloop.events.agent.AgentProfilePublished;
import java.time.Instant;
import java.util.Objects;

/** An agent's published profile, as {@code PUT /v1/agent/profile} answers it. */
public record AgentProfile(
        String agentId, String slug, String displayName, String description, String websiteUrl, Instant publishedAt) {

    static AgentProfile of(AgentProfilePublished event, Instant at) {
        return new AgentProfile(
                event.agentId().toString(),
                event.slug(),
                event.displayName(),
                event.description(),
                event.websiteUrl(),
                at);
    }

    boolean publishes(AgentProfilePublished event) {
        return slug.equals(event.slug())
                && displayName.equals(event.displayName())
                && Objects.equals(description, event.description())
                && Objects.equals(websiteUrl, event.websiteUrl());
    }

    /** A publication: the profile before it (null for the first) and after. */
    public record Change(AgentProfile before, AgentProfile after) {}
}
