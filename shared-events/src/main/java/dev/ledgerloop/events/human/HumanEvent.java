package dev.ledgerloop.events.human;

import dev.ledgerloop.events.AggregateEvent;
import dev.ledgerloop.events.AggregateType;
import java.util.UUID;

/** What a human sets for themselves in a space (keys, availability), stored on the stream {@code human-<humanId>}. */
public sealed interface HumanEvent extends AggregateEvent permits HumanPublicKeyRegistered, HumanAvailabilitySet {
    UUID humanId();

    @Override
    default AggregateType aggregateType() {
        return AggregateType.HUMAN;
    }

    @Override
    default UUID aggregateId() {
        return humanId();
    }
}
