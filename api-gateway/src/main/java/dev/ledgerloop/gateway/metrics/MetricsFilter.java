package dev.ledgerloop.gateway.metrics;

import dev.ledgerloop.gateway.error.GatewayException;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.metrics.MetricsToken;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** The gateway's {@code /actuator/prometheus} for the holder of the metrics token only ({@link MetricsToken}). */
@Component
class MetricsFilter implements WebFilter, Ordered {
    private final MetricsToken token;

    MetricsFilter(@Value("${ledgerloop.metrics.token-sha256:}") String tokenSha256) {
        this.token = MetricsToken.withHash(tokenSha256);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.equals(MetricsToken.PATH)) {
            return chain.filter(exchange);
        }
        return switch (token.check(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION))) {
            case ALLOWED -> chain.filter(exchange);
            case DISABLED ->
                Mono.error(new GatewayException(
                        ErrorCode.NOT_FOUND, "Metrics are off: no ledgerloop.metrics.token-sha256 is set"));
            case REFUSED ->
                Mono.error(new GatewayException(
                        ErrorCode.UNAUTHENTICATED,
                        "The metrics need the metrics token: Authorization: Bearer <token>"));
        };
    }

    @Override
    public int getOrder() {
        // Right after the path checks (KnownPaths), before anything that needs a principal.
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
