package dev.ledgerloop.events;

import java.util.Objects;
import java.util.UUID;

/** A parsed aggregate stream name: which aggregate the stream belongs to. */
public record StreamName(AggregateType aggregateType, UUID aggregateId) {

    public StreamName {
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
    }

    /** The EventStoreDB stream name, e.g. {@code session-<uuid>}. */
    @Override
    public String toString() {
        return aggregateType.value() + "-" + aggregateId;
    }
}
