package dev.ledgerloop.events.space;

import dev.ledgerloop.events.AggregateEvent;
import dev.ledgerloop.events.AggregateType;
import java.util.UUID;

/** What the space owner sets for the whole space, stored on the stream {@code space-<spaceId>}. */
public sealed interface SpaceEvent extends AggregateEvent permits SpaceEncryptionKeySet, SpaceSettingsChanged {
    UUID spaceId();

    @Override
    default AggregateType aggregateType() {
        return AggregateType.SPACE;
    }

    @Override
    default UUID aggregateId() {
        return spaceId();
    }
}
