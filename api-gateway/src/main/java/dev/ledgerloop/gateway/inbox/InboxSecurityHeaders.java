package dev.ledgerloop.gateway.inbox;

import org.springframework.core.Ordered;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The inbox decrypts messages and holds private keys in the browser, so whatever runs on its pages must come from
 * this gateway: a strict Content-Security-Policy (no inline script or style, nothing from another origin, no framing)
 * on every answer under {@code /inbox}, its own 404s included.
 */
@Component
class InboxSecurityHeaders implements WebFilter, Ordered {
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
            + " img-src 'self' data: blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (path.equals(InboxRoutes.INBOX) || path.startsWith(InboxRoutes.INBOX + "/")) {
            exchange.getResponse().beforeCommit(() -> {
                HttpHeaders headers = exchange.getResponse().getHeaders();
                headers.set("Content-Security-Policy", POLICY);
                headers.set("X-Content-Type-Options", "nosniff");
                headers.set("Referrer-Policy", "no-referrer");
                // A new gateway version brings new inbox files: revalidate rather than run an old script.
                if (!headers.containsKey(HttpHeaders.CACHE_CONTROL)) {
                    headers.setCacheControl(CacheControl.noCache());
                }
                return Mono.empty();
            });
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        // Before the path checks, so their refusals carry the policy too.
        return Ordered.HIGHEST_PRECEDENCE - 1;
    }
}
