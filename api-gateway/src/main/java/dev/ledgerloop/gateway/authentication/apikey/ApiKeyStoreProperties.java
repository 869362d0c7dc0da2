package dev.ledgerloop.gateway.authentication.apikey;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Stored keys and provisioning ({@code ledgerloop.gateway.api-keys.*}).
 *
 * @param cacheTtl how long a stored key found in the {@code api_keys} view is trusted without asking again: the most a
 *     revoked key keeps working (plus the view's lag)
 * @param unknownCacheTtl how long a key not found is answered 401 without asking again
 * @param provisioningKeyHash SHA-256 hex of the bootstrap provisioning key ({@code hlp_prov_...}), of the bootstrap
 *     space; unset: no provisioning key is accepted
 * @param provisioningKeyId the provisioning key's id in the principal and the log
 * @param spaces the provisioning keys of further spaces (tenants): a space exists as soon as a credential names it,
 *     so this is how a deployment serves more than its bootstrap space with agents
 */
@ConfigurationProperties("ledgerloop.gateway.api-keys")
public record ApiKeyStoreProperties(
        @DefaultValue("5s") Duration cacheTtl,
        @DefaultValue("1s") Duration unknownCacheTtl,
        String provisioningKeyHash,
        @DefaultValue("provisioning") String provisioningKeyId,
        @DefaultValue List<SpaceProvisioningKey> spaces) {

    /**
     * One more space's provisioning key ({@code ledgerloop.gateway.api-keys.spaces[n].*}).
     *
     * @param spaceId the space (a UUID) its agents and keys belong to
     * @param provisioningKeyHash SHA-256 hex of its {@code hlp_prov_...} key
     * @param provisioningKeyId its id in the principal and the log
     */
    public record SpaceProvisioningKey(
            UUID spaceId,
            String provisioningKeyHash,
            @DefaultValue("provisioning") String provisioningKeyId) {}
}
