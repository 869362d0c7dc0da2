package dev.ledgerloop.gateway.authentication.apikey;

import java.util.Objects;
import java.util.UUID;

/**
 * A known agent API key, without the key itself: which space it belongs to and which agent it acts as when a request
 * names none.
 *
 * @param keyId the key's public id, forwarded in the principal (never the key or its hash)
 */
public record ApiKey(String keyId, UUID spaceId, UUID defaultAgentId, String defaultAgentName) {
    public ApiKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(spaceId, "spaceId");
        Objects.requireNonNull(defaultAgentId, "defaultAgentId");
        Objects.requireNonNull(defaultAgentName, "defaultAgentName");
    }
}
