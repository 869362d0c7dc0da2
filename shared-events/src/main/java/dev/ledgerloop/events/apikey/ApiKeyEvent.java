package dev.ledgerloop.events.apikey;

import dev.ledgerloop.events.AggregateEvent;
import dev.ledgerloop.events.AggregateType;
import java.util.UUID;

/** Everything that happens to a stored agent API key, on its stream {@code apikey-<keyId>}. */
public sealed interface ApiKeyEvent extends AggregateEvent permits ApiKeyIssued, ApiKeyRevoked {
    UUID keyId();

    @Override
    default AggregateType aggregateType() {
        return AggregateType.API_KEY;
    }

    @Override
    default UUID aggregateId() {
        return keyId();
    }
}
