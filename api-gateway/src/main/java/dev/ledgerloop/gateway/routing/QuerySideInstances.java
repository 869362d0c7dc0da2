package dev.ledgerloop.gateway.routing;

import dev.ledgerloop.gateway.GatewayProperties;
import dev.ledgerloop.gateway.config.InvalidConfigurationException;
import java.net.URI;
import java.util.List;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.stereotype.Component;

/**
 * The query-side instances the gateway spreads reads over ({@code ledgerloop.gateway.query-side-uri}: one base URI or
 * several separated by commas). Routes name them together as {@link #ROUTE}, which Spring Cloud LoadBalancer resolves
 * round robin per request; live signals that every instance must hear (typing) go to each of them ({@link
 * TypingFanOut}). See docs/services.md#several-query-side-instances.
 */
@Component
public class QuerySideInstances {
    static final String SERVICE_ID = "query-side";
    static final URI ROUTE = URI.create("lb://" + SERVICE_ID);
    private static final String PROPERTY = "ledgerloop.gateway.query-side-uri";

    private final List<URI> uris;

    QuerySideInstances(GatewayProperties properties) {
        List<URI> configured = properties.querySideUri() == null ? List.of() : properties.querySideUri();
        if (configured.isEmpty()) {
            throw new InvalidConfigurationException(
                    PROPERTY, "is not set", "Set it to the query side's base URI, e.g. http://localhost:8082");
        }
        if (configured.stream().distinct().count() != configured.size()) {
            throw new InvalidConfigurationException(
                    PROPERTY, "names an instance twice", "List each query-side instance once");
        }
        configured.forEach(uri -> RoutingConfiguration.baseUri(PROPERTY, uri));
        this.uris = List.copyOf(configured);
    }

    /** The first instance: every instance runs the same code, so it can answer for all (the API description). */
    public URI first() {
        return uris.get(0);
    }

    List<URI> all() {
        return uris;
    }

    ServiceInstance[] serviceInstances() {
        return uris.stream()
                .map(uri -> (ServiceInstance) new DefaultServiceInstance(
                        uri.getHost() + ":" + port(uri),
                        SERVICE_ID,
                        uri.getHost(),
                        port(uri),
                        "https".equalsIgnoreCase(uri.getScheme())))
                .toArray(ServiceInstance[]::new);
    }

    static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
