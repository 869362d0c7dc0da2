package dev.ledgerloop.events;

import java.util.UUID;

/**
 * An event of one aggregate, stored on that aggregate's stream {@code <aggregateType>-<aggregateId>}. Each aggregate
 * has a sealed interface extending this one (e.g. {@code SessionEvent}) that answers both from its records' fields.
 */
public interface AggregateEvent {
    AggregateType aggregateType();

    UUID aggregateId();
}
