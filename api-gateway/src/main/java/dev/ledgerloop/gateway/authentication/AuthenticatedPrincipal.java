package dev.ledgerloop.gateway.authentication;

import dev.ledgerloop.platform.principal.Principal;
import java.util.Optional;
import org.springframework.web.server.ServerWebExchange;

/** Where the {@link AuthenticationFilter} leaves the principal on the exchange for the filters after it. */
public final class AuthenticatedPrincipal {
    static final String ATTRIBUTE = AuthenticatedPrincipal.class.getName();

    private AuthenticatedPrincipal() {}

    public static Optional<Principal> of(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
    }

    static void set(ServerWebExchange exchange, Principal principal) {
        exchange.getAttributes().put(ATTRIBUTE, principal);
    }
}
