package dev.ledgerloop.events.webhook;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The endpoint's target or scope changed; each field holds the whole new value. */
public record WebhookEndpointUpdated(UUID webhookId, String url, List<String> eventTypes, List<UUID> agentIds)
        implements WebhookEvent {

    public WebhookEndpointUpdated {
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(url, "url");
        eventTypes = List.copyOf(eventTypes);
        agentIds = List.copyOf(agentIds);
    }
}
