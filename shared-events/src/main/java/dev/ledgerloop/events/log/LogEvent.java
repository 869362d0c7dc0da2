package dev.ledgerloop.events.log;

import dev.ledgerloop.events.AggregateEvent;
import dev.ledgerloop.events.AggregateType;
import java.util.UUID;

/** What the space's verifiable log records about itself, on its stream {@code log-<spaceId>}. */
public sealed interface LogEvent extends AggregateEvent permits CheckpointRecorded, LogAuditFailed {
    UUID spaceId();

    @Override
    default AggregateType aggregateType() {
        return AggregateType.LOG;
    }

    @Override
    default UUID aggregateId() {
        return spaceId();
    }
}
