package dev.ledgerloop.events.apikey;

import java.util.Objects;
import java.util.UUID;

/**
 * An agent API key was issued. Only the SHA-256 hash (lowercase hex of the whole {@code hlp_...} key) is kept; the
 * key itself was shown once to whoever provisioned it.
 */
public record ApiKeyIssued(UUID keyId, String keyHash, UUID agentId, String agentName) implements ApiKeyEvent {

    public ApiKeyIssued {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(keyHash, "keyHash");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(agentName, "agentName");
    }
}
