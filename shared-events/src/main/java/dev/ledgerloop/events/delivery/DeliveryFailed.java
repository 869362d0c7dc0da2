package dev.ledgerloop.events.delivery;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An attempt failed: the endpoint answered {@code status} (not 2xx), or there was no answer ({@code status} null and
 * {@code error} the error class, e.g. {@code timeout}, {@code connect}).
 *
 * @param responseBodyPrefix at most the first KiB of the answer, for diagnosis
 * @param nextAttemptAt when the next attempt is due; null when none follows
 */
public record DeliveryFailed(
        UUID deliveryId,
        UUID webhookId,
        UUID agentId,
        int attempt,
        Integer status,
        String error,
        long latencyMillis,
        String responseBodyPrefix,
        Instant nextAttemptAt)
        implements DeliveryEvent {

    public DeliveryFailed {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(webhookId, "webhookId");
    }
}
