package dev.ledgerloop.events.delivery;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** An attempt (numbered from 1) sent the request {@code requestId} at {@code attemptedAt}. */
public record DeliveryAttempted(UUID deliveryId, int attempt, UUID requestId, Instant attemptedAt)
        implements DeliveryEvent {

    public DeliveryAttempted {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(attemptedAt, "attemptedAt");
    }
}
