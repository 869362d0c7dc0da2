package dev.ledgerloop.command.delivery.sending;

import java.util.UUID;

/** A delivery whose attempt is due, as the schedule holds it, claimed by this instance for one attempt. */
record ScheduledDelivery(UUID deliveryId, UUID spaceId, UUID webhookId, String payload, int attempts, boolean manual) {

    int nextAttempt() {
        return attempts + 1;
    }
}
