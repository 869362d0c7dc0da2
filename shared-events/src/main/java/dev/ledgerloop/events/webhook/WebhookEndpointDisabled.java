package dev.ledgerloop.events.webhook;

import java.util.Objects;
import java.util.UUID;

/** The endpoint receives no deliveries, by an admin's choice or because it kept failing (the reason says which). */
public record WebhookEndpointDisabled(UUID webhookId, String reason) implements WebhookEvent {

    public WebhookEndpointDisabled {
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(reason, "reason");
    }
}
