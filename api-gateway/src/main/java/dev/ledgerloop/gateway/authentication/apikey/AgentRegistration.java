package dev.ledgerloop.gateway.authentication.apikey;

import dev.ledgerloop.gateway.authentication.AuthenticatedPrincipal;
import dev.ledgerloop.gateway.authentication.AuthenticationFilter;
import dev.ledgerloop.platform.principal.Principal;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Registers the agent a request acts as before it goes on ({@link AgentRegistrar}). It runs after the rate limit, so a
 * credential over its limit writes nothing, whatever agent name it asks for.
 */
@Component
class AgentRegistration implements WebFilter, Ordered {
    private final AgentRegistrar registrar;

    AgentRegistration(AgentRegistrar registrar) {
        this.registrar = registrar;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Optional<Principal> principal = AuthenticatedPrincipal.of(exchange);
        if (principal.isEmpty() || !principal.get().isAgent()) {
            return chain.filter(exchange);
        }
        return registrar.ensureRegistered(principal.get()).then(Mono.defer(() -> chain.filter(exchange)));
    }

    @Override
    public int getOrder() {
        // After the rate limit (ORDER + 10), before idempotency (ORDER + 20).
        return AuthenticationFilter.ORDER + 15;
    }
}
