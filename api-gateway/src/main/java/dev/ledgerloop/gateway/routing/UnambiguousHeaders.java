package dev.ledgerloop.gateway.routing;

import dev.ledgerloop.gateway.error.GatewayException;
import dev.ledgerloop.platform.error.ErrorCode;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Headers that the gateway and a backend could read differently are refused with 400 before anything reads them: a
 * single-valued header sent twice (the gateway reads the first, a backend may read another: a body the gateway took
 * for JSON read as text, a credential or an idempotency key other than the one checked), and a {@code Content-Type}
 * that is not one media type ({@code *}{@code /*} or {@code application/*} is a range, which the backends' servlet
 * stack cannot even represent as a request's type).
 */
@Component
class UnambiguousHeaders implements WebFilter, Ordered {
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
        String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !isOneMediaType(contentType)) {
            return Mono.error(new GatewayException(
                    ErrorCode.VALIDATION_ERROR,
                    "Header 'Content-Type' must be one media type, such as application/json"));
        }
        return chain.filter(exchange);
    }

    private static boolean isOneMediaType(String value) {
        try {
            MediaType type = MediaType.parseMediaType(value);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    @Override
    public int getOrder() {
        return KnownPaths.ORDER + 1;
    }
}
