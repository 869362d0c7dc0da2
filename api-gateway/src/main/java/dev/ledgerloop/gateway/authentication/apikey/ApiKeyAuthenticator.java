package dev.ledgerloop.gateway.authentication.apikey;

import dev.ledgerloop.gateway.authentication.Authenticator;
import dev.ledgerloop.gateway.error.GatewayException;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.hash.Sha256Hex;
import dev.ledgerloop.platform.principal.Principal;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Agents' {@code X-API-Key: hlp_<64 lowercase hex>}, looked up by its SHA-256 hash, with {@code X-Hiloop: <agent
 * name>} choosing which agent the key acts as (docs/api.md §Authentication): its own always, another only for a key
 * with a permission beyond {@code agent} (else 403, before anything is registered); {@link AgentRegistration}
 * registers a newly named agent once the rate limit has let the request through. The key itself is never logged nor kept.
 */
@Component
@Order(100)
class ApiKeyAuthenticator implements Authenticator {
    static final String API_KEY = "X-API-Key";
    static final String AGENT_NAME = "X-Hiloop";
    private static final Pattern FORMAT = Pattern.compile("hlp_[0-9a-f]{64}");
    private static final Pattern PROVISIONING_FORMAT = Pattern.compile("hlp_prov_[0-9a-f]{64}");

    private final ApiKeyDirectory directory;
    private final ProvisioningKeys provisioningKeys;

    ApiKeyAuthenticator(ApiKeyDirectory directory, ProvisioningKeys provisioningKeys) {
        this.directory = directory;
        this.provisioningKeys = provisioningKeys;
    }

    @Override
    public boolean recognises(ServerHttpRequest request) {
        return request.getHeaders().containsKey(API_KEY);
    }

    @Override
    public Mono<Principal> authenticate(ServerHttpRequest request) {
        List<String> keys = request.getHeaders().getOrEmpty(API_KEY);
        if (keys.size() == 1 && PROVISIONING_FORMAT.matcher(keys.get(0)).matches()) {
            return Mono.justOrEmpty(provisioningKeys.findByHash(Sha256Hex.of(keys.get(0))))
                    .switchIfEmpty(
                            Mono.error(() -> new GatewayException(ErrorCode.UNAUTHENTICATED, "Unknown API key")));
        }
        if (keys.size() != 1 || !FORMAT.matcher(keys.get(0)).matches()) {
            return Mono.error(new GatewayException(
                    ErrorCode.UNAUTHENTICATED,
                    "Malformed API key: expected hlp_ (or hlp_prov_) followed by 64 lowercase hex characters"));
        }
        return directory
                .findByHash(Sha256Hex.of(keys.get(0)))
                .switchIfEmpty(Mono.error(() -> new GatewayException(ErrorCode.UNAUTHENTICATED, "Unknown API key")))
                .flatMap(key -> agent(key, request)
                        .map(agent -> Principal.agent(key.spaceId(), agent.agentId(), agent.agentName(), key.keyId())));
    }

    private static Mono<AgentIdentity> agent(ApiKey key, ServerHttpRequest request) {
        List<String> names = request.getHeaders().getOrEmpty(AGENT_NAME);
        if (names.isEmpty()) {
            return Mono.just(AgentIdentity.of(key, null));
        }
        if (names.size() > 1 || !AgentIdentity.isValidName(names.get(0))) {
            return Mono.error(new GatewayException(
                    ErrorCode.VALIDATION_ERROR,
                    "Invalid agent name in X-Hiloop: use 1 to 100 characters of A-Z, a-z, 0-9, '.', '_' and '-'"));
        }
        if (!key.mayActAs(names.get(0))) {
            return Mono.error(new GatewayException(
                    ErrorCode.FORBIDDEN,
                    "This API key acts only as its own agent '" + key.defaultAgentName() + "'; naming another agent in"
                            + " X-Hiloop takes a key with the manage, space or owner permission"));
        }
        return Mono.just(AgentIdentity.of(key, names.get(0)));
    }
}
