package dev.ledgerloop.gateway.inbox;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The web inbox (docs/inbox.md): static files from this jar under {@code /inbox/}, public like {@code /docs}. It holds
 * no secret: the page takes the human's token from what they paste or from the URL fragment, and calls {@code /v1}
 * with it like any client.
 */
@Configuration(proxyBeanMethods = false)
class InboxRoutes {
    static final String INBOX = "/inbox";

    @Bean
    RouterFunction<ServerResponse> inbox() {
        Resource page = new ClassPathResource("ledgerloop-inbox/index.html");
        return RouterFunctions.route(
                        // Relative module and style URLs resolve under /inbox/ only with the slash.
                        GET(INBOX), request -> ServerResponse.permanentRedirect(URI.create(INBOX + "/"))
                                .build())
                .andRoute(GET(INBOX + "/"), request -> ServerResponse.ok()
                        .contentType(MediaType.TEXT_HTML)
                        .cacheControl(CacheControl.noCache())
                        .bodyValue(page))
                .and(RouterFunctions.resources(INBOX + "/**", new ClassPathResource("ledgerloop-inbox/")));
    }
}
