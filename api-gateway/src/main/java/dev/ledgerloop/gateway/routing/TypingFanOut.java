package dev.ledgerloop.gateway.routing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CACHED_REQUEST_BODY_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Typing signals are not stored, so no instance learns of them from the log: the instance the load balancer picks
 * answers the caller, and this filter sends the same signed request to every other query-side instance, so the typing
 * streams open on each of them hear it. The caller's answer waits for the copies (each bounded by the standard
 * response timeout); a copy that fails costs only the listeners of that instance the signal.
 */
class TypingFanOut implements GatewayFilter, Ordered {
    private static final Logger log = LoggerFactory.getLogger(TypingFanOut.class);
    private static final List<String> HOP_HEADERS = List.of(
            HttpHeaders.HOST, HttpHeaders.CONTENT_LENGTH, HttpHeaders.CONNECTION, HttpHeaders.TRANSFER_ENCODING);

    private final QuerySideInstances instances;
    private final WebClient client;
    private final Duration timeout;

    /**
     * A plain client, not Spring's observed builder: its request meters would clash with the routes' own meters of the
     * same name but other tags, which Prometheus refuses (with a warning on every start).
     */
    TypingFanOut(QuerySideInstances instances, Duration timeout) {
        this.instances = instances;
        this.client = WebClient.builder().build();
        this.timeout = timeout;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (instances.all().size() == 1) {
            return chain.filter(exchange);
        }
        return ServerWebExchangeUtils.cacheRequestBody(exchange, request -> {
            byte[] body = cachedBody(exchange);
            URI picked = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
            Mono<Void> copies = Flux.fromIterable(instances.all())
                    .filter(instance -> !sameInstance(instance, picked))
                    .flatMap(instance -> copy(instance, exchange.getRequest(), body))
                    .then();
            return Mono.when(chain.filter(exchange.mutate().request(request).build()), copies);
        });
    }

    private static byte[] cachedBody(ServerWebExchange exchange) {
        DataBuffer cached = exchange.getAttribute(CACHED_REQUEST_BODY_ATTR);
        if (cached == null) {
            return new byte[0];
        }
        byte[] bytes = new byte[cached.readableByteCount()];
        cached.toByteBuffer().get(bytes);
        return bytes;
    }

    private Mono<Void> copy(URI instance, ServerHttpRequest request, byte[] body) {
        URI target = URI.create(instance.getScheme() + "://" + instance.getRawAuthority()
                + request.getURI().getRawPath()
                + (request.getURI().getRawQuery() == null
                        ? ""
                        : "?" + request.getURI().getRawQuery()));
        return client.post()
                .uri(target)
                .headers(headers -> {
                    headers.addAll(request.getHeaders());
                    HOP_HEADERS.forEach(headers::remove);
                })
                .bodyValue(body)
                .retrieve()
                .toBodilessEntity()
                .timeout(timeout)
                .then()
                .onErrorResume(failed -> {
                    log.warn(
                            "Typing signal not copied to query-side instance {}: {}",
                            instance,
                            failed.getClass().getSimpleName());
                    return Mono.empty();
                });
    }

    private static boolean sameInstance(URI instance, URI picked) {
        return picked != null
                && Objects.equals(instance.getHost(), picked.getHost())
                && QuerySideInstances.port(instance) == QuerySideInstances.port(picked);
    }

    /** After the load balancer has picked an instance (and after the principal headers were signed). */
    @Override
    public int getOrder() {
        return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
    }
}
