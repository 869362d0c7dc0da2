package dev.ledgerloop.gateway.live;

import dev.ledgerloop.gateway.authentication.AuthenticatedPrincipal;
import dev.ledgerloop.gateway.error.GatewayException;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Serves {@code GET /v1/agent/stream} and {@code GET /v1/human/stream} from the query side in this JVM when there is
 * one ({@link InProcessEventStreams}), after every check a routed request passes (path, authentication, credential
 * kind, rate limit) and in place of the proxy call: the response carries the same server-sent events, written by the
 * gateway's own connection to the client.
 */
@Component
@EnableConfigurationProperties(StreamProperties.class)
class InProcessStreamFilter implements GlobalFilter, Ordered {
    private static final Pattern STREAM = Pattern.compile("/v1/(agent|human)/stream");
    private static final String LAST_EVENT_ID = "Last-Event-ID";

    private final ObjectProvider<InProcessEventStreams> streams;
    private final StreamProperties properties;

    InProcessStreamFilter(ObjectProvider<InProcessEventStreams> streams, StreamProperties properties) {
        this.streams = streams;
        this.properties = properties;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        Matcher stream =
                STREAM.matcher(request.getPath().pathWithinApplication().value());
        if (request.getMethod() != HttpMethod.GET || !stream.matches()) {
            return chain.filter(exchange);
        }
        // Looked up only for a stream: resolving the provider costs a search of the context's beans.
        InProcessEventStreams local = properties.inProcess() ? streams.getIfAvailable() : null;
        if (local == null) {
            return chain.filter(exchange);
        }
        Principal principal = AuthenticatedPrincipal.of(exchange).orElse(null);
        if (principal == null) {
            return Mono.error(new GatewayException(ErrorCode.UNAUTHENTICATED, "Missing credentials"));
        }
        String audience = stream.group(1);
        String lastEventId = request.getHeaders().getFirst(LAST_EVENT_ID);
        String after = request.getQueryParams().getFirst("after");
        ClientOutput output = new ClientOutput(
                properties.maxQueuedEvents(), properties.maxQueuedBytes().toBytes());
        AtomicReference<Runnable> close = new AtomicReference<>(() -> {});
        // Opening reads the views (a human's sessions): not on the connection's event loop.
        return Mono.fromCallable(() -> local.open(principal, audience, lastEventId, after, output))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(opened -> {
                    close.set(opened.close());
                    ServerWebExchangeUtils.setAlreadyRouted(exchange);
                    ServerHttpResponse response = exchange.getResponse();
                    response.setStatusCode(HttpStatus.OK);
                    response.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
                    DataBufferFactory buffers = response.bufferFactory();
                    return response.writeAndFlushWith(output.events()
                            .take(opened.timeout())
                            .map(events -> Mono.just(buffers.wrap(events.getBytes(StandardCharsets.UTF_8))))
                            .doFinally(signal -> opened.close().run()));
                })
                .doOnCancel(() -> close.get().run());
    }

    /** After the principal is forwarded (so a refusal above it has happened), before the proxy call. */
    @Override
    public int getOrder() {
        return 1;
    }
}
