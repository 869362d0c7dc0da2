package dev.ledgerloop.gateway.authentication;

import dev.ledgerloop.gateway.error.GatewayException;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Humans' {@code Authorization: Bearer <JWT>}: refused for now. A later issue validates the JWT here (issuer and key
 * from configuration) and answers {@code Principal.human(space, sub)}.
 */
@Component
@Order(200)
class BearerTokenAuthenticator implements Authenticator {

    @Override
    public boolean recognises(ServerHttpRequest request) {
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    @Override
    public Mono<Principal> authenticate(ServerHttpRequest request) {
        return Mono.error(new GatewayException(
                ErrorCode.UNAUTHENTICATED, "Bearer tokens are not accepted yet; agents authenticate with X-API-Key"));
    }
}
