package dev.ledgerloop.gateway.authentication.apikey;

import dev.ledgerloop.gateway.GatewayProperties;
import dev.ledgerloop.gateway.config.InvalidConfigurationException;
import dev.ledgerloop.platform.principal.Principal;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The provisioning key ({@code hlp_prov_...}) from configuration, of the bootstrap space: it may only create agents and
 * their keys (docs/api.md §Authentication). Compared by hash in constant time.
 */
final class ProvisioningKeys {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private final Optional<byte[]> hash;
    private final Optional<Principal> principal;

    private ProvisioningKeys(Optional<byte[]> hash, Optional<Principal> principal) {
        this.hash = hash;
        this.principal = principal;
    }

    static ProvisioningKeys from(GatewayProperties gateway, ApiKeyStoreProperties keys) {
        String keyHash = keys.provisioningKeyHash();
        if (keyHash == null || keyHash.isBlank()) {
            return new ProvisioningKeys(Optional.empty(), Optional.empty());
        }
        if (!SHA256_HEX.matcher(keyHash.strip()).matches()) {
            throw new InvalidConfigurationException(
                    "ledgerloop.gateway.api-keys.provisioning-key-hash",
                    "is not a SHA-256 hex hash (64 hex characters)",
                    "Set it to the SHA-256 of the whole key: printf %s \"$KEY\" | sha256sum");
        }
        if (gateway.bootstrapSpaceId() == null) {
            throw new InvalidConfigurationException(
                    "ledgerloop.gateway.bootstrap-space-id",
                    "is not set, but a provisioning key is",
                    "Set it to the UUID of the space the provisioning key belongs to");
        }
        return new ProvisioningKeys(
                Optional.of(HexFormat.of().parseHex(keyHash.strip())),
                Optional.of(Principal.provisioning(gateway.bootstrapSpaceId(), keys.provisioningKeyId())));
    }

    Optional<Principal> findByHash(String keyHash) {
        if (hash.isEmpty() || !SHA256_HEX.matcher(keyHash).matches()) {
            return Optional.empty();
        }
        return MessageDigest.isEqual(hash.get(), HexFormat.of().parseHex(keyHash)) ? principal : Optional.empty();
    }
}
