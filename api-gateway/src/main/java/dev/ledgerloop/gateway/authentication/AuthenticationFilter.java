package dev.ledgerloop.gateway.authentication;

import dev.ledgerloop.gateway.error.GatewayException;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every request under /v1 must prove a principal through one of the {@link Authenticator}s, or it answers 401; the
 * principal is kept on the exchange for {@link PrincipalForwarding}. The health check and the API description stay
 * public, and the public guest routes act as a new guest ({@link PublicGuestPaths}). Authenticating only reads: whatever writes (registering a newly named agent) comes after the rate limit.
 * An address with too many failures lately is refused before any look-up ({@link FailedAuthentications}).
 */
@Component
public class AuthenticationFilter implements WebFilter, Ordered {
    /** Filters that need the principal (rate limit, idempotency) order themselves after this. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    private final List<Authenticator> authenticators;
    private final FailedAuthentications failures;

    AuthenticationFilter(List<Authenticator> authenticators, FailedAuthentications failures) {
        this.authenticators = List.copyOf(authenticators);
        this.failures = failures;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!needsPrincipal(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        String requestPath =
                exchange.getRequest().getPath().pathWithinApplication().value();
        if (PublicGuestPaths.isPublic(requestPath)) {
            AuthenticatedPrincipal.set(exchange, PublicGuestPaths.guestFor(requestPath));
            return chain.filter(exchange);
        }
        InetSocketAddress client = exchange.getRequest().getRemoteAddress();
        Optional<GatewayException> tooManyFailures = failures.refusal(client);
        if (tooManyFailures.isPresent()) {
            return Mono.error(tooManyFailures.get());
        }
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        return authenticate(exchange.getRequest())
                .doOnError(GatewayException.class, refused -> {
                    if (refused.code() == ErrorCode.UNAUTHENTICATED) {
                        failures.failed(client);
                    }
                })
                .flatMap(principal -> {
                    Optional<GatewayException> refusal = CredentialKindRule.refusal(path, principal);
                    if (refusal.isPresent()) {
                        return Mono.error(refusal.get());
                    }
                    AuthenticatedPrincipal.set(exchange, principal);
                    return chain.filter(exchange);
                });
    }

    private Mono<Principal> authenticate(ServerHttpRequest request) {
        for (Authenticator authenticator : authenticators) {
            if (authenticator.recognises(request)) {
                return authenticator
                        .authenticate(request)
                        .switchIfEmpty(Mono.error(() -> new IllegalStateException(
                                authenticator.getClass().getName() + " answered no principal and no error")));
            }
        }
        return Mono.error(new GatewayException(
                ErrorCode.UNAUTHENTICATED,
                "Missing credentials: agents send their API key in the X-API-Key header, humans"
                        + " Authorization: Bearer <JWT>"));
    }

    private static boolean needsPrincipal(ServerHttpRequest request) {
        String path = request.getPath().pathWithinApplication().value();
        return path.equals("/v1") || path.startsWith("/v1/");
    }

    @Override
    public int getOrder() {
        // After the path check and the size limit's Content-Length check.
        return ORDER;
    }
}
