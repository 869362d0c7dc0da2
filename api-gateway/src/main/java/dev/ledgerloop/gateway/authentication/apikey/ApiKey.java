package dev.ledgerloop.gateway.authentication.apikey;

import dev.ledgerloop.platform.principal.KeyPermissions;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A known agent API key, without the key itself: which space it belongs to, which agent it acts as when a request
 * names none, and what it may do ({@link KeyPermissions}).
 *
 * @param keyId the key's public id, forwarded in the principal (never the key or its hash)
 * @param permissions as issued; only a key with a permission beyond {@code agent} may act as another agent
 */
public record ApiKey(
        String keyId, UUID spaceId, UUID defaultAgentId, String defaultAgentName, List<String> permissions) {
    public ApiKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(spaceId, "spaceId");
        Objects.requireNonNull(defaultAgentId, "defaultAgentId");
        Objects.requireNonNull(defaultAgentName, "defaultAgentName");
        permissions = KeyPermissions.normalised(permissions);
    }

    /** Whether this key may act as the agent called {@code agentName}: its own always, others with more than agent. */
    boolean mayActAs(String agentName) {
        return agentName.equals(defaultAgentName) || KeyPermissions.mayActAsOtherAgents(permissions);
    }
}
