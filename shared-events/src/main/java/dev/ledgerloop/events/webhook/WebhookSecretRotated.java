package dev.ledgerloop.events.webhook;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The endpoint got a new signing secret; the previous one keeps signing alongside until {@code previousValidUntil}. */
public record WebhookSecretRotated(UUID webhookId, String secret, Instant previousValidUntil) implements WebhookEvent {

    public WebhookSecretRotated {
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(previousValidUntil, "previousValidUntil");
    }
}
