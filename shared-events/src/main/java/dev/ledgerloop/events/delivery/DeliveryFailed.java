package dev.ledgerloop.events.delivery;

import dev.ledgerloop.events.crypto.SessionSealed;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An attempt failed: the endpoint answered {@code status} (not 2xx), or there was no answer ({@code status} null and
 * {@code error} the error class, e.g. {@code timeout}, {@code connect}).
 *
 * @param responseBodyPrefix at most the first KiB of the answer, for diagnosis; null when sealed
 * @param nextAttemptAt when the next attempt is due; null when none follows
 * @param sessionId the session the delivery is about, null when none (and before this field)
 * @param sealedResponseBodyPrefix for a delivery about a session, the answer's prefix sealed under the session's data
 *     key, since a receiver may echo the body (shredding the session erases it)
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
        Instant nextAttemptAt,
        UUID sessionId,
        SessionSealed sealedResponseBodyPrefix)
        implements DeliveryEvent {

    public DeliveryFailed(
            UUID deliveryId,
            UUID webhookId,
            UUID agentId,
            int attempt,
            Integer status,
            String error,
            long latencyMillis,
            String responseBodyPrefix,
            Instant nextAttemptAt) {
        this(
                deliveryId,
                webhookId,
                agentId,
                attempt,
                status,
                error,
                latencyMillis,
                responseBodyPrefix,
                nextAttemptAt,
                null,
                null);
    }

    public DeliveryFailed {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(webhookId, "webhookId");
        if (sealedResponseBodyPrefix != null && (sessionId == null || responseBodyPrefix != null)) {
            throw new IllegalArgumentException("A sealed answer belongs to a session and replaces the clear one");
        }
    }
}
