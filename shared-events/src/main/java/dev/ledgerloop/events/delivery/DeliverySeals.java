package dev.ledgerloop.events.delivery;

import dev.ledgerloop.events.StreamNames;
import java.util.UUID;

/**
 * Where the values of a delivery about a session that are sealed under the session's key are kept, which each seal
 * is bound to (docs/webhooks.md §Shredded sessions).
 */
public final class DeliverySeals {
    private DeliverySeals() {}

    /** The body ({@link DeliveryCreated#sealedPayload}). */
    public static String payloadAt(UUID deliveryId) {
        return StreamNames.delivery(deliveryId) + "/payload";
    }

    /** The receiver's answer to a failed attempt ({@link DeliveryFailed#sealedResponseBodyPrefix}). */
    public static String responseBodyPrefixAt(UUID deliveryId) {
        return StreamNames.delivery(deliveryId) + "/responseBodyPrefix";
    }
}
