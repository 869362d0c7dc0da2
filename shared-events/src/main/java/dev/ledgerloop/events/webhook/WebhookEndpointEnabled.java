package dev.ledgerloop.events.webhook;

import java.util.Objects;
import java.util.UUID;

/** The endpoint receives deliveries again. */
public record WebhookEndpointEnabled(UUID webhookId) implements WebhookEvent {

    public WebhookEndpointEnabled {
        Objects.requireNonNull(webhookId, "webhookId");
    }
}
