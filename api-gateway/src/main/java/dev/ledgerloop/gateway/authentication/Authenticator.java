package dev.ledgerloop.gateway.authentication;

import dev.ledgerloop.platform.principal.Principal;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;

/**
 * One kind of credentials a request can prove its principal with (an API key today, a Bearer JWT later). The
 * {@link AuthenticationFilter} asks the authenticators in {@code @Order} and the first that recognises the request
 * decides; adding a kind of credentials means adding a bean.
 */
public interface Authenticator {

    /** Whether the request carries this kind of credentials (only the header's presence, no checks yet). */
    boolean recognises(ServerHttpRequest request);

    /**
     * The principal the credentials prove; otherwise an error, a {@code GatewayException} with {@code UNAUTHENTICATED}
     * (or {@code VALIDATION_ERROR} for a malformed identity selection). Never empty.
     */
    Mono<Principal> authenticate(ServerHttpRequest request);
}
