package dev.ledgerloop.events.delivery;

import java.util.Objects;
import java.util.UUID;

/** No more attempts follow (the retry schedule ran out, or the endpoint is gone); a manual retry can still follow. */
public record DeliveryExhausted(UUID deliveryId, UUID webhookId, UUID agentId, String reason) implements DeliveryEvent {

    public DeliveryExhausted {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(reason, "reason");
    }
}
