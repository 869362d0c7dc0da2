package dev.ledgerloop.gateway.authentication.apikey;

import dev.ledgerloop.gateway.GatewayProperties;
import dev.ledgerloop.gateway.config.InvalidConfigurationException;
import dev.ledgerloop.platform.principal.KeyPermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/** The single API key configured with {@code ledgerloop.gateway.bootstrap-*}, until keys are stored (a later issue). */
public final class BootstrapApiKeyDirectory implements ApiKeyDirectory {
    private static final Logger log = LoggerFactory.getLogger(BootstrapApiKeyDirectory.class);
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private final Optional<byte[]> hash;
    private final Optional<ApiKey> key;

    private BootstrapApiKeyDirectory(Optional<byte[]> hash, Optional<ApiKey> key) {
        this.hash = hash;
        this.key = key;
    }

    /** Refuses an incomplete or malformed bootstrap key; no key at all is allowed (every API key is then refused). */
    public static BootstrapApiKeyDirectory from(GatewayProperties properties) {
        String keyHash = properties.bootstrapKeyHash();
        if (keyHash == null || keyHash.isBlank()) {
            log.warn("No API key is configured (ledgerloop.gateway.bootstrap-key-hash): every X-API-Key is refused");
            return new BootstrapApiKeyDirectory(Optional.empty(), Optional.empty());
        }
        if (!SHA256_HEX.matcher(keyHash.strip()).matches()) {
            throw new InvalidConfigurationException(
                    "ledgerloop.gateway.bootstrap-key-hash",
                    "is not a SHA-256 hex hash (64 hex characters)",
                    "Set it to the SHA-256 of the whole key: printf %s \"$KEY\" | sha256sum");
        }
        if (properties.bootstrapSpaceId() == null) {
            throw new InvalidConfigurationException(
                    "ledgerloop.gateway.bootstrap-space-id",
                    "is not set, but a bootstrap key is",
                    "Set it to the UUID of the space the bootstrap key belongs to");
        }
        String agentName = properties.bootstrapAgentName();
        if (!AgentIdentity.isValidName(agentName)) {
            throw new InvalidConfigurationException(
                    "ledgerloop.gateway.bootstrap-agent-name",
                    "is not a valid agent name",
                    "Use 1 to 100 characters of A-Z, a-z, 0-9, '.', '_' and '-'");
        }
        if (properties.bootstrapKeyId() == null || properties.bootstrapKeyId().isBlank()) {
            throw new InvalidConfigurationException(
                    "ledgerloop.gateway.bootstrap-key-id",
                    "is blank",
                    "Leave it unset for 'bootstrap' or name the key");
        }
        AgentIdentity defaultAgent = properties.bootstrapAgentId() != null
                ? new AgentIdentity(properties.bootstrapAgentId(), agentName)
                : AgentIdentity.derived(properties.bootstrapSpaceId(), agentName);
        // The bootstrap key is the space owner's (docs/api.md §Webhooks): it may act as any agent of its space.
        ApiKey key = new ApiKey(
                properties.bootstrapKeyId(),
                properties.bootstrapSpaceId(),
                defaultAgent.agentId(),
                agentName,
                List.of(KeyPermissions.AGENT, KeyPermissions.OWNER));
        return new BootstrapApiKeyDirectory(Optional.of(HexFormat.of().parseHex(keyHash.strip())), Optional.of(key));
    }

    @Override
    public Mono<ApiKey> findByHash(String keyHash) {
        if (hash.isEmpty() || keyHash == null || !SHA256_HEX.matcher(keyHash).matches()) {
            return Mono.empty();
        }
        boolean same = MessageDigest.isEqual(hash.get(), HexFormat.of().parseHex(keyHash));
        return same ? Mono.justOrEmpty(key) : Mono.empty();
    }
}
