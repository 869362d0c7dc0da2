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
                    ErrorCode.VALIDATION_ERROR,
                    "The path must be in its normal form: no '.' or '..' segments, empty segments, ';' parameters,"
                            + " encoded slashes or needlessly encoded characters"));
        }
        if (!isKnown(path.value())) {
            return Mono.error(new GatewayException(
                    ErrorCode.NOT_FOUND,
                    "No such endpoint: " + exchange.getRequest().getMethod().name() + " " + path.value()));
        }
        return chain.filter(exchange);
    }

    /**
     * Paths are forwarded unchanged and every decision here reads them as they came, so only a path in its one normal
     * spelling passes: a backend that normalises {@code /v1/../actuator} (or {@code /v1/..;/x}, {@code /v1/%2e%2e/x})
     * would serve what the gateway never meant to expose, and one that decodes {@code /v1/%61gent} or drops
     * {@code ;x=1} or an empty segment would route a human's token to {@code /v1/agent} while the credential-kind
     * rule saw another path. Refused: {@code .} and {@code ..} segments, empty segments, {@code ;} parameters,
     * encoded slashes and backslashes, and percent-encoding of what needs none (letters, digits, {@code -._~}).
     */
    static boolean isPlain(PathContainer path) {
        if (path.value().contains("//")) {
            return false;
        }
        for (PathContainer.Element element : path.elements()) {
            if (element instanceof PathContainer.PathSegment segment) {
                String decoded = segment.valueToMatch();
                if (decoded.equals(".")
                        || decoded.equals("..")
                        || decoded.indexOf('/') >= 0
                        || decoded.indexOf('\\') >= 0
                        || segment.value().indexOf(';') >= 0
                        || encodesWhatNeedsNoEncoding(segment.value())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean encodesWhatNeedsNoEncoding(String rawSegment) {
        for (int at = rawSegment.indexOf('%'); at >= 0; at = rawSegment.indexOf('%', at + 1)) {
            if (at + 2 >= rawSegment.length()) {
                return true;
            }
            int high = Character.digit(rawSegment.charAt(at + 1), 16);
            int low = Character.digit(rawSegment.charAt(at + 2), 16);
            if (high < 0 || low < 0) {
                return true;
            }
            char encoded = (char) (high * 16 + low);
            if (Character.isLetterOrDigit(encoded) && encoded < 128 || "-._~".indexOf(encoded) >= 0) {
                return true;
            }
        }
        return false;
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
