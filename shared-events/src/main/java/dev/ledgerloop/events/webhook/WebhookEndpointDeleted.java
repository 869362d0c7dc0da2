package dev.ledgerloop.events.webhook;

import java.util.Objects;
import java.util.UUID;

/** The endpoint was deleted; it receives nothing and answers 404 from now on. */
public record WebhookEndpointDeleted(UUID webhookId) implements WebhookEvent {

    public WebhookEndpointDeleted {
        Objects.requireNonNull(webhookId, "webhookId");
    }
}
