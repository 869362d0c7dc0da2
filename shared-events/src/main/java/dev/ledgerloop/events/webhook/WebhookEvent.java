package dev.ledgerloop.events.webhook;

import dev.ledgerloop.events.AggregateEvent;
import dev.ledgerloop.events.AggregateType;
import java.util.UUID;

/** Everything that happens to a webhook endpoint, stored on its stream {@code webhook-<webhookId>}. */
public sealed interface WebhookEvent extends AggregateEvent
        permits WebhookEndpointCreated,
                WebhookEndpointUpdated,
                WebhookEndpointEnabled,
                WebhookEndpointDisabled,
                WebhookEndpointDeleted,
                WebhookSecretRotated {
    UUID webhookId();

    @Override
    default AggregateType aggregateType() {
        return AggregateType.WEBHOOK;
    }

    @Override
    default UUID aggregateId() {
        return webhookId();
    }
}
