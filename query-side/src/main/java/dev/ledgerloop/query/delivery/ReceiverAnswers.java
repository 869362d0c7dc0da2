package dev.ledgerloop.query.delivery;

import dev.ledgerloop.events.crypto.SessionSeals;
import dev.ledgerloop.events.delivery.DeliveryFailed;
import dev.ledgerloop.events.delivery.DeliverySeals;
import java.util.UUID;

/** The receiver's answer to a failed attempt: sealed under the session's key for a delivery about a session. */
final class ReceiverAnswers {
    private ReceiverAnswers() {}

    /** The first KiB of the answer, or null when there was none or its session was shredded. */
    static String prefixOf(DeliveryFailed event, UUID spaceId, SessionSeals seals) {
        if (event.sealedResponseBodyPrefix() == null) {
            return event.responseBodyPrefix();
        }
        return seals.open(
                        spaceId,
                        event.sessionId(),
                        DeliverySeals.responseBodyPrefixAt(event.deliveryId()),
                        event.sealedResponseBodyPrefix())
                .orElse(null);
    }
}
