package dev.ledgerloop.gateway.authentication.apikey;

import java.time.Duration;
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
 */
@ConfigurationProperties("ledgerloop.gateway.api-keys")
public record ApiKeyStoreProperties(
        @DefaultValue("5s") Duration cacheTtl,
        @DefaultValue("1s") Duration unknownCacheTtl,
        String provisioningKeyHash,
        @DefaultValue("provisioning") String provisioningKeyId) {}
