package dev.ledgerloop.gateway.openapi;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerloop.gateway.GatewayProperties;
import dev.ledgerloop.gateway.routing.QuerySideInstances;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The API description on the public port (docs/api.md §API description), public like the health check: {@code
 * /openapi.json}, and {@code /docs}, Swagger UI served from its webjar in this jar (no CDN, works offline) reading
 * {@code /openapi.json}.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescriptionRoutes {
    static final String OPENAPI = "/openapi.json";
    static final String DOCS = "/docs";
    private static final String SWAGGER_UI_WEBJAR = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

    /**
     * A plain client, not Spring's observed builder: its request meters would clash with the routes' own meters of the
     * same name but other tags, which Prometheus refuses (with a warning at the first {@code /openapi.json}).
     */
    @Bean
    PublicApiDescription publicApiDescription(
            GatewayProperties properties, QuerySideInstances querySideInstances, ObjectMapper json) {
        return new PublicApiDescription(
                WebClient.builder(),
                List.of(
                        new PublicApiDescription.Backend("command side", properties.commandSideUri()),
                        // Every query-side instance runs the same code: the first describes them all.
                        new PublicApiDescription.Backend("query side", querySideInstances.first())),
                json);
    }

    @Bean
    RouterFunction<ServerResponse> apiDescription(PublicApiDescription description) {
        Resource page = new ClassPathResource("ledgerloop-docs/index.html");
        return RouterFunctions.route(
                        GET(OPENAPI), request -> description.current().flatMap(rendered -> ServerResponse.ok()
                                .contentType(MediaType.APPLICATION_JSON)
                                .cacheControl(CacheControl.noCache())
                                .bodyValue(rendered.body())))
                .andRoute(GET(DOCS).or(GET(DOCS + "/")), request -> ServerResponse.ok()
                        .contentType(MediaType.TEXT_HTML)
                        .bodyValue(page))
                .and(RouterFunctions.resources(DOCS + "/ledgerloop/**", new ClassPathResource("ledgerloop-docs/")))
                .and(RouterFunctions.resources(
                        DOCS + "/swagger-ui/**",
                        new ClassPathResource("META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/")));
    }

    /** The webjar's files sit under its version; read it from the jar rather than repeating it here. */
    static String swaggerUiVersion() {
        Properties properties = new Properties();
        try (InputStream in = new ClassPathResource(SWAGGER_UI_WEBJAR).getInputStream()) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("The swagger-ui webjar is not on the class path", e);
        }
        return properties.getProperty("version");
    }
}
