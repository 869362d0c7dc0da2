package dev.ledgerloop.gateway.routing;

import dev.ledgerloop.gateway.error.GatewayException;
import dev.ledgerloop.platform.error.ErrorCode;
import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The paths the public port serves: the API under /v1, the API description (/openapi.json, /docs) and the health
 * check. Everything else answers 404 before any other work, including what the frameworks would serve on their own
 * (other actuator endpoints, static resources).
 */
@Component
class KnownPaths implements WebFilter, Ordered {
    static final String API = "/v1/**";
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        if (!isPlain(path)) {
            return Mono.error(new GatewayException(
                    ErrorCode.VALIDATION_ERROR, "The path must not hold '.' or '..' segments or encoded slashes"));
        }
        if (!isKnown(path.value())) {
            return Mono.error(new GatewayException(
                    ErrorCode.NOT_FOUND,
                    "No such endpoint: " + exchange.getRequest().getMethod().name() + " " + path.value()));
        }
        return chain.filter(exchange);
    }

    /**
     * Paths are forwarded unchanged, and a backend that normalises {@code /v1/../actuator} (or {@code /v1/..;/x},
     * {@code /v1/%2e%2e/x}) would serve what the gateway never meant to expose.
     */
    static boolean isPlain(PathContainer path) {
        for (PathContainer.Element element : path.elements()) {
            if (element instanceof PathContainer.PathSegment) {
                String segment = ((PathContainer.PathSegment) element).valueToMatch();
                if (segment.equals(".")
                        || segment.equals("..")
                        || segment.indexOf('/') >= 0
                        || segment.indexOf('\\') >= 0) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean isKnown(String path) {
        return path.equals("/v1")
                || path.startsWith("/v1/")
                || path.equals("/openapi.json")
                || path.equals("/docs")
                || path.startsWith("/docs/")
                || path.equals("/actuator/health")
                || path.startsWith("/actuator/health/");
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
