package dev.ledgerloop.events.delivery;

import dev.ledgerloop.events.AggregateEvent;
import dev.ledgerloop.events.AggregateType;
import java.util.UUID;

/**
 * Everything that happens to one webhook delivery (one event for one endpoint), stored on its stream
 * {@code delivery-<deliveryId>}: every attempt and its outcome, so the delivery history is auditable.
 */
public sealed interface DeliveryEvent extends AggregateEvent
        permits DeliveryCreated,
                DeliveryAttempted,
                DeliverySucceeded,
                DeliveryFailed,
                DeliveryExhausted,
                DeliveryRetriedManually {
    UUID deliveryId();

    @Override
    default AggregateType aggregateType() {
        return AggregateType.DELIVERY;
    }

    @Override
    default UUID aggregateId() {
        return deliveryId();
    }
}
