package dev.ledgerloop.gateway.routing;

import dev.ledgerloop.gateway.error.GatewayException;
import dev.ledgerloop.platform.error.ErrorCode;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The headers that carry one value are sent once: with two, the gateway (which reads the first) and a backend (which
 * may read another, or both) could act on different values: a body the gateway took for JSON read as text, a
 * credential or an idempotency key other than the one checked. Refused with 400 before anything else reads them.
 */
@Component
class SingleValuedHeaders implements WebFilter, Ordered {
    static final List<String> NAMES =
            List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.AUTHORIZATION, "X-API-Key", "Idempotency-Key", "X-Hiloop");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        for (String name : NAMES) {
            List<String> values = headers.get(name);
            if (values != null && values.size() > 1) {
                return Mono.error(new GatewayException(
                        ErrorCode.VALIDATION_ERROR, "Header '" + name + "' must be sent at most once"));
            }
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return KnownPaths.ORDER + 1;
    }
}
