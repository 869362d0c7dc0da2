package dev.ledgerloop.events.apikey;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An agent API key was issued. Only the SHA-256 hash (lowercase hex of the whole {@code hlp_...} key) is kept; the
 * key itself was shown once to whoever provisioned it.
 *
 * @param permissions what the key may do (docs/api.md §Provisioning: {@code agent}, {@code manage}, {@code space},
 *     {@code owner}); absent ({@code null}) in events stored before keys had permissions, which mean {@code ["agent"]}:
 *     the key acts as its own agent only
 */
public record ApiKeyIssued(UUID keyId, String keyHash, UUID agentId, String agentName, List<String> permissions)
        implements ApiKeyEvent {

    public ApiKeyIssued {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(keyHash, "keyHash");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(agentName, "agentName");
        permissions = permissions == null ? null : List.copyOf(permissions);
    }
}
