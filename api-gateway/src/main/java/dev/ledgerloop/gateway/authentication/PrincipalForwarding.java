package dev.ledgerloop.gateway.authentication;

import dev.ledgerloop.gateway.error.GatewayException;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.platform.principal.PrincipalHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * On every routed request: drops the client's credentials and any principal headers it sent (they could be forged),
 * then adds the gateway's signed principal headers. A route reached without an authenticated principal is refused,
 * so a new route can never forward an unauthenticated request by mistake.
 */
@Component
class PrincipalForwarding implements GlobalFilter, Ordered {
    private static final String PRINCIPAL_HEADER_PREFIX = PrincipalHeaders.PRINCIPAL.toLowerCase(Locale.ROOT);

    private final PrincipalHeaders principalHeaders;

    PrincipalForwarding(PrincipalHeaders principalHeaders) {
        this.principalHeaders = principalHeaders;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Principal principal = AuthenticatedPrincipal.of(exchange).orElse(null);
        if (principal == null) {
            return Mono.error(new GatewayException(ErrorCode.UNAUTHENTICATED, "Missing credentials"));
        }
        Map<String, String> signed = principalHeaders.sign(
                principal,
                exchange.getRequest().getMethod().name(),
                exchange.getRequest().getURI().getRawPath());
        return chain.filter(exchange.mutate()
                .request(request -> request.headers(headers -> {
                    strip(headers);
                    signed.forEach(headers::set);
                }))
                .build());
    }

    private static void strip(HttpHeaders headers) {
        List<String> names = new ArrayList<>();
        for (String name : headers.keySet()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(PRINCIPAL_HEADER_PREFIX)
                    || lower.equals("x-api-key")
                    || lower.equals("authorization")) {
                names.add(name);
            }
        }
        names.forEach(headers::remove);
    }

    @Override
    public int getOrder() {
        return 0;
    }
}
