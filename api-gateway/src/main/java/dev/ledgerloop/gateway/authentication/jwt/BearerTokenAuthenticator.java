package dev.ledgerloop.gateway.authentication.jwt;

import dev.ledgerloop.gateway.authentication.Authenticator;
import dev.ledgerloop.gateway.error.GatewayException;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.GuestAccessTokens;
import dev.ledgerloop.platform.principal.Principal;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Humans' {@code Authorization: Bearer <JWT>} (docs/api.md §Authentication), checked by {@link HumanTokenVerifier}, and
 * guests' access tokens ({@code hlga_...}, {@link GuestAccessTokens}), which need no token issuer. Any token that does
 * not verify answers 401 without saying why (the reason would help a forger only).
 */
@Component
@Order(200)
@EnableConfigurationProperties(JwtProperties.class)
class BearerTokenAuthenticator implements Authenticator {
    private static final String BEARER = "Bearer ";

    private final Optional<HumanTokenVerifier> verifier;
    private final GuestAccessTokens guests;

    BearerTokenAuthenticator(JwtProperties properties, GuestAccessTokens guests) {
        this.verifier = HumanTokenVerifier.from(properties);
        this.guests = guests;
    }

    @Override
    public boolean recognises(ServerHttpRequest request) {
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
    }

    @Override
    public Mono<Principal> authenticate(ServerHttpRequest request) {
        List<String> values = request.getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION);
        if (values.size() != 1) {
            return Mono.error(invalid());
        }
        String token = values.get(0).substring(BEARER.length()).strip();
        if (GuestAccessTokens.looksLikeOne(token)) {
            return Mono.justOrEmpty(guests.verify(token).map(GuestAccessTokens.Claims::principal))
                    .switchIfEmpty(Mono.error(invalid()));
        }
        if (verifier.isEmpty()) {
            return Mono.error(new GatewayException(
                    ErrorCode.UNAUTHENTICATED, "Bearer tokens are not accepted: no token issuer is configured"));
        }
        // A JWK set URI may mean a (cached) fetch, so verification stays off the event loop.
        return Mono.fromCallable(() -> verifier.get().verify(token))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(principal -> Mono.justOrEmpty(principal).switchIfEmpty(Mono.error(invalid())));
    }

    private static GatewayException invalid() {
        return new GatewayException(ErrorCode.UNAUTHENTICATED, "Invalid or expired Bearer token");
    }
}
