package dev.ledgerloop.events.shredding;

import dev.ledgerloop.events.AggregateEvent;
import dev.ledgerloop.events.AggregateType;
import java.util.UUID;

/**
 * The record of a session's crypto-shredding, on the stream {@code shredding-<sessionId>}: not on the session's own
 * stream, whose data key is destroyed between the two events (docs/architecture.md §Crypto-shredding). The payloads
 * hold ids only, so nothing in them is content, and the stream keeps its own data key.
 */
public sealed interface ShreddingEvent extends AggregateEvent permits SessionShredRequested, SessionShredded {
    UUID sessionId();

    UUID spaceId();

    @Override
    default AggregateType aggregateType() {
        return AggregateType.SHREDDING;
    }

    @Override
    default UUID aggregateId() {
        return sessionId();
    }
}
