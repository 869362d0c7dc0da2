package dev.ledgerloop.events.apikey;

import java.util.Objects;
import java.util.UUID;

/** An agent API key was revoked: from then on it answers 401. */
public record ApiKeyRevoked(UUID keyId) implements ApiKeyEvent {

    public ApiKeyRevoked {
        Objects.requireNonNull(keyId, "keyId");
    }
}
