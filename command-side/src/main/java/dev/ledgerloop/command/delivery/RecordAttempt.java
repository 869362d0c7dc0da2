package dev.ledgerloop.command.delivery;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

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
        String finalReason) {

    boolean succeeded() {
        return status != null && status >= 200 && status < 300;
    }
}
