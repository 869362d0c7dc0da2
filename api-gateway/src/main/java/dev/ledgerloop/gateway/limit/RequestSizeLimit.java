package dev.ledgerloop.gateway.limit;

import dev.ledgerloop.gateway.GatewayProperties;
import dev.ledgerloop.gateway.error.GatewayException;
import dev.ledgerloop.platform.error.ErrorCode;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies over {@code ledgerloop.gateway.max-request-bytes} with 413 (docs/api.md §Request size limits),
 * or over {@code ledgerloop.gateway.attachments.max-bytes} for attachment uploads: up front when Content-Length says
 * so, and while streaming for bodies of unknown length (chunked), counting what goes through.
 */
@Component
@EnableConfigurationProperties(AttachmentLimit.class)
class RequestSizeLimit implements WebFilter, Ordered {
    private static final PathPattern ATTACHMENT_UPLOAD =
            PathPatternParser.defaultInstance.parse("/v1/agent/sessions/{sessionId}/attachments");

    private final long maxBytes;
    private final long maxAttachmentBytes;

    RequestSizeLimit(GatewayProperties properties, AttachmentLimit attachments) {
        this.maxBytes = properties.maxRequestBytes().toBytes();
        this.maxAttachmentBytes = attachments.maxBytes().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long limit = isAttachmentUpload(request) ? maxAttachmentBytes : maxBytes;
        if (request.getHeaders().getContentLength() > limit) {
            return Mono.error(tooLarge(limit));
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return limited(super.getBody(), limit);
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private static boolean isAttachmentUpload(ServerHttpRequest request) {
        return request.getMethod() == HttpMethod.POST
                && ATTACHMENT_UPLOAD.matches(request.getPath().pathWithinApplication());
    }

    private Flux<DataBuffer> limited(Flux<DataBuffer> body, long maxBytes) {
        return Flux.defer(() -> {
            AtomicLong seen = new AtomicLong();
            return body.handle((buffer, sink) -> {
                if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                    DataBufferUtils.release(buffer);
                    sink.error(tooLarge(maxBytes));
                } else {
                    sink.next(buffer);
                }
            });
        });
    }

    private static GatewayException tooLarge(long maxBytes) {
        return new GatewayException(
                ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than the limit of " + maxBytes + " bytes");
    }

    @Override
    public int getOrder() {
        // Right after the path check, before authentication reads anything.
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
