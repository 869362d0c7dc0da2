package dev.ledgerloop.events.delivery;

import java.util.Objects;
import java.util.UUID;

/** Someone asked for another attempt now: a manual retry, or a recovery of an endpoint's failed deliveries. */
public record DeliveryRetriedManually(UUID deliveryId, UUID webhookId) implements DeliveryEvent {

    public DeliveryRetriedManually {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(webhookId, "webhookId");
    }
}
