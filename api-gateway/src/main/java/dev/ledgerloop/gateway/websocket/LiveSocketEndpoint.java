package dev.ledgerloop.gateway.websocket;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerloop.gateway.GatewayProperties;
import dev.ledgerloop.gateway.error.GatewayException;
import dev.ledgerloop.platform.error.ErrorCode;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * {@code GET /v1/agent/ws} and {@code GET /v1/human/ws}: first opens the caller's live event stream ({@code GET
 * /v1/{audience}/stream}, with the handshake's query, so {@code ?after=} resumes) as an internal request with the
 * handshake's credentials; a refusal there (400 for a bad cursor, 429 for too many streams, 401, ...) is the
 * handshake's answer, as is, before any upgrade. Only an open stream is upgraded to a WebSocket ({@link LiveSocket}).
 * The handshake itself has passed the gateway's filters like any request (authentication, rate limit).
 */
@Component
class LiveSocketEndpoint implements WebHandler {
    static final String AGENT_PATH = "/v1/agent/ws";
    static final String HUMAN_PATH = "/v1/human/ws";
    /** Room around the largest request body for the frame that carries it. */
    private static final int FRAME_OVERHEAD_BYTES = 64 * 1024;

    private final InternalRequests requests;
    private final WebSocketProperties properties;
    private final ObjectMapper json;
    private final int maxFrameBytes;
    private final HandshakeWebSocketService handshakes;

    LiveSocketEndpoint(
            InternalRequests requests, WebSocketProperties properties, GatewayProperties gateway, ObjectMapper json) {
        this.requests = requests;
        this.properties = properties;
        this.json = json;
        this.maxFrameBytes = (int) Math.min(
                        Integer.MAX_VALUE - FRAME_OVERHEAD_BYTES,
                        gateway.maxRequestBytes().toBytes())
                + FRAME_OVERHEAD_BYTES;
        this.handshakes = new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
                () -> WebsocketServerSpec.builder().maxFramePayloadLength(maxFrameBytes)));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        if (request.getMethod() != HttpMethod.GET
                || !"websocket".equalsIgnoreCase(request.getHeaders().getUpgrade())) {
            return Mono.error(new GatewayException(
                    ErrorCode.VALIDATION_ERROR,
                    path + " is a WebSocket: open it with a GET carrying 'Upgrade: websocket' (the server-sent"
                            + " events of the same stream are at " + path.replace("/ws", "/stream") + ")"));
        }
        String audience = path.equals(AGENT_PATH) ? "agent" : "human";
        Caller caller = new Caller(requests, request);
        String query = request.getURI().getRawQuery();
        // No Accept: text/event-stream, so that a refusal can be answered as the JSON error body.
        return caller.request(
                        HttpMethod.GET,
                        "/v1/" + audience + "/stream" + (query == null ? "" : "?" + query),
                        new HttpHeaders(),
                        new byte[0])
                .flatMap(stream -> stream.status() == 200
                        ? upgrade(exchange, stream, caller, audience)
                        : refuse(exchange.getResponse(), stream));
    }

    private Mono<Void> upgrade(
            ServerWebExchange exchange, InternalExchange.Answer stream, Caller caller, String audience) {
        // The stream is read by the socket, or cancelled if the upgrade fails: whichever comes first claims it.
        AtomicBoolean claimed = new AtomicBoolean();
        return handshakes
                .handleRequest(exchange, session -> {
                    if (!claimed.compareAndSet(false, true)) {
                        return session.close(CloseStatus.SERVER_ERROR);
                    }
                    return new LiveSocket(session, stream.body(), caller, audience, properties, maxFrameBytes, json)
                            .run();
                })
                .doOnError(failure -> abandon(stream, claimed))
                .doOnCancel(() -> abandon(stream, claimed));
    }

    /** Unread, the stream would hold its query-side connection (and a place in the live limits) until it times out. */
    private static void abandon(InternalExchange.Answer stream, AtomicBoolean claimed) {
        if (claimed.compareAndSet(false, true)) {
            stream.body().take(0).subscribe();
        }
    }

    /** The stream's refusal (status, error body, Retry-After) becomes the handshake's answer. */
    private static Mono<Void> refuse(ServerHttpResponse response, InternalExchange.Answer refusal) {
        response.setStatusCode(HttpStatusCode.valueOf(refusal.status()));
        response.getHeaders().setContentType(refusal.headers().getContentType());
        String retryAfter = refusal.headers().getFirst(HttpHeaders.RETRY_AFTER);
        if (retryAfter != null) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return response.writeWith(refusal.body());
    }
}
