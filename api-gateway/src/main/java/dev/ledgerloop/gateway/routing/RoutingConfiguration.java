package dev.ledgerloop.gateway.routing;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR;

import dev.ledgerloop.gateway.GatewayProperties;
import dev.ledgerloop.gateway.config.InvalidConfigurationException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The routes: reads (GET, HEAD) under /v1 go to the query side (round robin over its instances, {@link
 * QuerySideInstances}), writes (POST, PUT, PATCH, DELETE) to the command
 * side, paths unchanged; typing indicators (POST, but live signals, not changes), the parked-events admin API and the
 * projections admin API (rebuilds) go to the query side too, and the verifiable log's reads go to the command side.
 * Long-polls ({@code GET /v1/agent/sessions/{id}/await}) and streams are GETs on the query side with routes of their
 * own only for their longer response timeouts ({@link ResponseTimeouts}). Anything else finds no route and answers
 * 404.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResponseTimeouts.class)
class RoutingConfiguration {
    static final String AWAIT = "/v1/agent/sessions/{sessionId}/await";
    static final String TYPING = "/v1/{audience}/sessions/{sessionId}/typing";
    static final String EVENT_STREAM = "/v1/{audience}/stream";
    static final String PARKED_EVENTS = "/v1/admin/parked-events/**";
    static final String PROJECTIONS = "/v1/admin/projections/**";
    static final String VERIFIABLE_LOG = "/v1/admin/log/**";
    static final String SESSION_VERIFY = "/v1/admin/sessions/{sessionId}/verify";
    static final String SESSION_EXPORT = "/v1/admin/sessions/{sessionId}/export";

    @Bean
    RouteLocator ledgerloopRoutes(
            RouteLocatorBuilder routes,
            GatewayProperties properties,
            ResponseTimeouts responseTimeouts,
            QuerySideInstances querySideInstances) {
        URI querySide = QuerySideInstances.ROUTE;
        TypingFanOut typingFanOut = new TypingFanOut(querySideInstances, responseTimeouts.standard());
        URI commandSide = baseUri("ledgerloop.gateway.command-side-uri", properties.commandSideUri());
        return routes.routes()
                // Typing indicators are live signals, not changes: the query side, which holds the live streams,
                // takes them (docs/api.md §Typing: not stored as an event).
                .route("typing", route -> route.order(-1)
                        .path(TYPING)
                        .and()
                        .method(HttpMethod.POST)
                        .filters(filters -> nextInstanceIfGone(filters.filter(typingFanOut), querySideInstances))
                        .metadata(responseTimeout(responseTimeouts.standard()))
                        .uri(querySide))
                .route("long-polls", route -> route.order(-1)
                        .path(AWAIT, "/v1/agent/interactions/{interactionId}/await")
                        .and()
                        .method(HttpMethod.GET)
                        .filters(filters -> nextInstanceIfGone(filters, querySideInstances))
                        .metadata(responseTimeout(responseTimeouts.longPoll()))
                        .uri(querySide))
                .route("streams", route -> route.order(-1)
                        .path(TYPING, EVENT_STREAM)
                        .and()
                        .method(HttpMethod.GET)
                        .filters(filters -> nextInstanceIfGone(filters, querySideInstances))
                        .metadata(responseTimeout(responseTimeouts.stream()))
                        .uri(querySide))
                // Parked events live in the query side's MongoDB collection for both backends (docs/replay.md): retry
                // and evict change no aggregate, so the query side takes them too.
                .route("parked-events", route -> route.order(-1)
                        .path("/v1/admin/parked-events", PARKED_EVENTS)
                        .and()
                        .method(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE)
                        .filters(filters -> nextInstanceIfGone(filters, querySideInstances))
                        .metadata(responseTimeout(responseTimeouts.standard()))
                        .uri(querySide))
                // Views are the query side's: it lists every processor and rebuilds views from the log, which
                // changes no aggregate (docs/replay.md §Rebuild).
                .route("projections", route -> route.order(-1)
                        .path("/v1/admin/projections", PROJECTIONS)
                        .and()
                        .method(HttpMethod.GET, HttpMethod.POST)
                        .filters(filters -> nextInstanceIfGone(filters, querySideInstances))
                        .metadata(responseTimeout(responseTimeouts.standard()))
                        .uri(querySide))
                // The verifiable log is built and signed by the command side (docs/verifiable-record.md), which answers
                // its reads, checks sessions against it and exports their evidence bundles.
                .route("verifiable-log", route -> route.order(-1)
                        .path(VERIFIABLE_LOG, SESSION_VERIFY, SESSION_EXPORT)
                        .and()
                        .method(HttpMethod.GET, HttpMethod.HEAD)
                        .metadata(responseTimeout(responseTimeouts.standard()))
                        .uri(commandSide))
                .route("query-side", route -> route.path(KnownPaths.API)
                        .and()
                        .method(HttpMethod.GET, HttpMethod.HEAD)
                        .filters(filters -> nextInstanceIfGone(filters, querySideInstances))
                        .metadata(responseTimeout(responseTimeouts.standard()))
                        .uri(querySide))
                .route("command-side", route -> route.path(KnownPaths.API)
                        .and()
                        .method(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE)
                        .metadata(responseTimeout(responseTimeouts.standard()))
                        .uri(commandSide))
                .build();
    }

    /**
     * A query-side instance that refuses the connection (stopped, restarting) never saw the request, so it is sent to
     * the next instance, whatever its method; anything else (a timeout, an error answer) is not retried.
     */
    private static GatewayFilterSpec nextInstanceIfGone(GatewayFilterSpec filters, QuerySideInstances instances) {
        if (instances.all().size() == 1) {
            return filters;
        }
        return filters.retry(retry -> retry.setRetries(instances.all().size())
                .setMethods(HttpMethod.values())
                .setSeries()
                .setStatuses()
                .setExceptions(ConnectException.class));
    }

    private static Map<String, Object> responseTimeout(Duration timeout) {
        return Map.of(RESPONSE_TIMEOUT_ATTR, timeout.toMillis());
    }

    /** Only scheme, host and port of a route URI count, so a path there would be dropped silently: refuse it. */
    static URI baseUri(String property, URI uri) {
        if (uri == null) {
            throw new InvalidConfigurationException(
                    property, "is not set", "Set it to the backend's base URI, e.g. http://localhost:8081");
        }
        boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
        boolean bare = (uri.getRawPath() == null
                        || uri.getRawPath().isEmpty()
                        || uri.getRawPath().equals("/"))
                && uri.getRawQuery() == null
                && uri.getRawFragment() == null;
        if (!http || uri.getHost() == null || !bare) {
            throw new InvalidConfigurationException(
                    property,
                    "'" + uri + "' is not a base URI",
                    "Use http(s)://host[:port] with no path: request paths are forwarded unchanged");
        }
        return uri;
    }
}
