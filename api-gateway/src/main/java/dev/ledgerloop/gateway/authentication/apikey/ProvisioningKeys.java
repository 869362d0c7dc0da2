package dev.ledgerloop.gateway.authentication.apikey;

import dev.ledgerloop.gateway.GatewayProperties;
import dev.ledgerloop.gateway.config.InvalidConfigurationException;
import dev.ledgerloop.platform.principal.Principal;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The provisioning keys ({@code hlp_prov_...}) from configuration: the bootstrap space's, and one per further space
 * ({@code api-keys.spaces[n]}). Each may only create agents and their keys in its own space (docs/api.md
 * §Authentication). Compared by hash in constant time.
 */
final class ProvisioningKeys {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private record Entry(byte[] hash, Principal principal) {}

    private final List<Entry> keys;

    private ProvisioningKeys(List<Entry> keys) {
        this.keys = List.copyOf(keys);
    }

    static ProvisioningKeys from(GatewayProperties gateway, ApiKeyStoreProperties properties) {
        List<Entry> keys = new ArrayList<>();
        String keyHash = properties.provisioningKeyHash();
        if (keyHash != null && !keyHash.isBlank()) {
            if (gateway.bootstrapSpaceId() == null) {
                throw new InvalidConfigurationException(
                        "ledgerloop.gateway.bootstrap-space-id",
                        "is not set, but a provisioning key is",
                        "Set it to the UUID of the space the provisioning key belongs to");
            }
            keys.add(entry(
                    "ledgerloop.gateway.api-keys.provisioning-key-hash",
                    keyHash,
                    gateway.bootstrapSpaceId(),
                    properties.provisioningKeyId()));
        }
        for (int i = 0; i < properties.spaces().size(); i++) {
            ApiKeyStoreProperties.SpaceProvisioningKey space =
                    properties.spaces().get(i);
            String prefix = "ledgerloop.gateway.api-keys.spaces[" + i + "].";
            if (space.spaceId() == null) {
                throw new InvalidConfigurationException(
                        prefix + "space-id", "is not set", "Set it to the UUID of the space the key belongs to");
            }
            if (space.provisioningKeyHash() == null
                    || space.provisioningKeyHash().isBlank()) {
                throw new InvalidConfigurationException(
                        prefix + "provisioning-key-hash",
                        "is not set",
                        "Set it to the SHA-256 of the whole key: printf %s \"$KEY\" | sha256sum");
            }
            keys.add(entry(
                    prefix + "provisioning-key-hash",
                    space.provisioningKeyHash(),
                    space.spaceId(),
                    space.provisioningKeyId()));
        }
        return new ProvisioningKeys(keys);
    }

    private static Entry entry(String property, String keyHash, UUID spaceId, String keyId) {
        if (!SHA256_HEX.matcher(keyHash.strip()).matches()) {
            throw new InvalidConfigurationException(
                    property,
                    "is not a SHA-256 hex hash (64 hex characters)",
                    "Set it to the SHA-256 of the whole key: printf %s \"$KEY\" | sha256sum");
        }
        return new Entry(HexFormat.of().parseHex(keyHash.strip()), Principal.provisioning(spaceId, keyId));
    }

    Optional<Principal> findByHash(String keyHash) {
        if (keys.isEmpty() || !SHA256_HEX.matcher(keyHash).matches()) {
            return Optional.empty();
        }
        byte[] asked = HexFormat.of().parseHex(keyHash);
        Principal found = null;
        for (Entry key : keys) {
            if (MessageDigest.isEqual(key.hash(), asked)) {
                found = key.principal();
            }
        }
        return Optional.ofNullable(found);
    }
}
