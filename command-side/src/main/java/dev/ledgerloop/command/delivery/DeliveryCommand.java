package dev.ledgerloop.command.delivery;

import dev.ledgerloop.events.crypto.SessionSealed;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What may be asked of a {@link Delivery}. */
public sealed interface DeliveryCommand {
    /** The dispatcher creates one delivery per (event, endpoint); the id is derived from both, so a replay conflicts. */
    record CreateDelivery(
            UUID deliveryId,
            UUID webhookId,
            UUID agentId,
            String eventId,
            String type,
            String payload,
            UUID sessionId,
            SessionSealed sealedPayload)
            implements DeliveryCommand {

        public CreateDelivery(
                UUID deliveryId, UUID webhookId, UUID agentId, String eventId, String type, String payload) {
            this(deliveryId, webhookId, agentId, eventId, type, payload, null, null);
        }
    }

    /**
     * The sender reports one attempt and how it ended: an answer ({@code status}) or none ({@code error}). A failed
     * attempt names when the next is due; null means none follows ({@code finalReason} says why).
     */
    record RecordAttempt(
            @TargetAggregateIdentifier UUID deliveryId,
            int attempt,
            UUID requestId,
            Instant attemptedAt,
            Integer status,
            String error,
            long latencyMillis,
            String responseBodyPrefix,
            Instant nextAttemptAt,
            String finalReason)
            implements DeliveryCommand {

        boolean succeeded() {
            return status != null && status >= 200 && status < 300;
        }
    }

    /** Give up on a delivery without another attempt (its endpoint is disabled or deleted). */
    record ExhaustDelivery(@TargetAggregateIdentifier UUID deliveryId, String reason) implements DeliveryCommand {}

    /**
     * Attempt a failed or exhausted delivery again now. {@code agentId} is the agent asking (it must own the delivery);
     * null when the space owner recovers an endpoint's deliveries.
     */
    record RetryDelivery(@TargetAggregateIdentifier UUID deliveryId, UUID agentId) implements DeliveryCommand {}
}
