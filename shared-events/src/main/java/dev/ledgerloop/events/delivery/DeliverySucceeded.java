package dev.ledgerloop.events.delivery;

import java.util.Objects;
import java.util.UUID;

/** The endpoint answered 2xx in time; the delivery is done. */
public record DeliverySucceeded(
        UUID deliveryId, UUID webhookId, UUID agentId, int attempt, int status, long latencyMillis)
        implements DeliveryEvent {

    public DeliverySucceeded {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(webhookId, "webhookId");
    }
}
