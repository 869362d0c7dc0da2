package dev.ledgerloop.events.webhook;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A space owner registered a webhook endpoint. The signing secret ({@code whsec_...}) and the optional bearer token
 * are in the event, which is encrypted at rest like every event.
 *
 * @param eventTypes public event types or wildcards ({@code session.*}, {@code *})
 * @param agentIds the agents whose events it receives; empty means every agent of the space
 */
public record WebhookEndpointCreated(
        UUID webhookId,
        String url,
        List<String> eventTypes,
        List<UUID> agentIds,
        boolean enabled,
        String secret,
        String authToken)
        implements WebhookEvent {

    public WebhookEndpointCreated {
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        eventTypes = List.copyOf(eventTypes);
        agentIds = List.copyOf(agentIds);
    }
}
