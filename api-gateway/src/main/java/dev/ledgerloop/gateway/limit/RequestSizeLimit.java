package dev.ledgerloop.gateway.limit;

import dev.ledgerloop.gateway.GatewayProperties;
import dev.ledgerloop.gateway.error.GatewayException;
import dev.ledgerloop.platform.error.ErrorCode;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies over {@code ledgerloop.gateway.max-request-bytes} with 413 (API.md §Other): up front when
 * Content-Length says so, and while streaming for bodies of unknown length (chunked), counting what goes through.
 */
@Component
class RequestSizeLimit implements WebFilter, Ordered {
    private final long maxBytes;

    RequestSizeLimit(GatewayProperties properties) {
        this.maxBytes = properties.maxRequestBytes().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (request.getHeaders().getContentLength() > maxBytes) {
            return Mono.error(tooLarge());
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return limited(super.getBody());
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private Flux<DataBuffer> limited(Flux<DataBuffer> body) {
        return Flux.defer(() -> {
            AtomicLong seen = new AtomicLong();
            return body.handle((buffer, sink) -> {
                if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                    DataBufferUtils.release(buffer);
                    sink.error(tooLarge());
                } else {
                    sink.next(buffer);
                }
            });
        });
    }

    private GatewayException tooLarge() {
        return new GatewayException(
                ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than the limit of " + maxBytes + " bytes");
    }

    @Override
    public int getOrder() {
        // Right after the path check, before authentication reads anything.
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
