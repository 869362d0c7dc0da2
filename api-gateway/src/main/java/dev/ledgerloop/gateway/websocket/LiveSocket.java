package dev.ledgerloop.gateway.websocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerloop.platform.error.ApiError;
import dev.ledgerloop.platform.error.ErrorCode;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One open WebSocket: the live event stream's events out as frames, the client's send frames in as the REST send
 * requests, each answered by an ack. Everything waiting for the client is bounded: past {@code max-queued-frames} the
 * socket closes with 1008 (docs/api.md §WebSocket, close codes).
 */
final class LiveSocket {
    private static final Logger log = LoggerFactory.getLogger(LiveSocket.class);
    static final CloseStatus STREAM_ENDED = new CloseStatus(1000, "The stream ended: reconnect with after=<last id>");
    static final CloseStatus TOO_SLOW =
            new CloseStatus(1008, "Too many frames waiting for the client: reconnect with after=<last id>");
    static final CloseStatus STREAM_FAILED =
            new CloseStatus(1011, "The stream broke off: reconnect with after=<last id>");
    static final CloseStatus TOO_LARGE = new CloseStatus(1009, "A frame over the request size limit");
    private static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;

    private final WebSocketSession session;
    private final Flux<DataBuffer> stream;
    private final Caller caller;
    private final String audience;
    private final WebSocketProperties properties;
    private final int maxFrameBytes;
    private final ObjectMapper json;

    LiveSocket(
            WebSocketSession session,
            Flux<DataBuffer> stream,
            Caller caller,
            String audience,
            WebSocketProperties properties,
            int maxFrameBytes,
            ObjectMapper json) {
        this.session = session;
        this.stream = stream;
        this.caller = caller;
        this.audience = audience;
        this.properties = properties;
        this.maxFrameBytes = maxFrameBytes;
        this.json = json;
    }

    Mono<Void> run() {
        // Each close is sent while the client's frames are still being read: cancelling that read (as the end of
        // the outgoing frames does) makes the server close at once, with no code.
        Flux<String> events = SseFrames.of(stream, maxFrameBytes, json)
                .concatWith(Mono.defer(() -> session.close(STREAM_ENDED)).then(Mono.empty()))
                .onErrorResume(broken -> session.close(STREAM_FAILED).then(Mono.empty()));
        Flux<String> answers = session.receive()
                .filter(message -> message.getType() == WebSocketMessage.Type.TEXT
                        || message.getType() == WebSocketMessage.Type.BINARY)
                .flatMap(this::answer, properties.maxConcurrentSends())
                .onErrorResume(
                        unreadable -> session.close(closingFor(unreadable)).then(Mono.empty()));
        AtomicBoolean tooSlow = new AtomicBoolean();
        Runnable closeTooSlow = () -> {
            if (tooSlow.compareAndSet(false, true)) {
                session.close(TOO_SLOW).subscribe();
            }
        };
        // Characters stand for bytes: frames are JSON, their content mostly base64.
        AtomicLong queuedCharacters = new AtomicLong();
        Flux<String> outgoing = Flux.merge(events, answers)
                .doOnNext(frame -> {
                    if (queuedCharacters.addAndGet(frame.length())
                            > properties.maxQueuedBytes().toBytes()) {
                        closeTooSlow.run();
                    }
                })
                .onBackpressureBuffer(
                        properties.maxQueuedFrames(), unsent -> closeTooSlow.run(), BufferOverflowStrategy.DROP_LATEST)
                .doOnNext(frame -> queuedCharacters.addAndGet(-frame.length()))
                .takeUntilOther(session.closeStatus());
        return session.send(outgoing.map(session::textMessage));
    }

    /** The client's frames could not be read: one too large (1009), or not a WebSocket frame at all (1002). */
    private static CloseStatus closingFor(Throwable unreadable) {
        boolean tooLarge = unreadable instanceof TooLongFrameException
                || unreadable instanceof CorruptedWebSocketFrameException corrupted
                        && corrupted.closeStatus().equals(WebSocketCloseStatus.MESSAGE_TOO_BIG);
        return tooLarge ? TOO_LARGE : CloseStatus.PROTOCOL_ERROR;
    }

    private Mono<String> answer(WebSocketMessage message) {
        if (message.getType() == WebSocketMessage.Type.BINARY) {
            return Mono.just(error(null, "Frames are JSON text frames; a binary frame is not read"));
        }
        ClientFrame frame = ClientFrame.parse(message.getPayloadAsText(StandardCharsets.UTF_8));
        if (frame instanceof ClientFrame.Malformed malformed) {
            return Mono.just(error(malformed.requestId(), malformed.problem()));
        }
        return send((ClientFrame.Send) frame);
    }

    /** The same request as {@code POST /v1/{audience}/sessions/{sessionId}/messages} on the public port. */
    private Mono<String> send(ClientFrame.Send send) {
        byte[] body;
        try {
            body = ClientFrame.READER.writeValueAsBytes(send.message());
        } catch (JsonProcessingException e) {
            return Mono.just(error(send.requestId(), "'message' could not be read"));
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(java.util.List.of(MediaType.APPLICATION_JSON));
        if (send.idempotencyKey() != null) {
            headers.set("Idempotency-Key", send.idempotencyKey());
        }
        String path = "/v1/" + audience + "/sessions/"
                + UriUtils.encodePathSegment(send.sessionId(), StandardCharsets.UTF_8) + "/messages";
        return caller.request(HttpMethod.POST, path, headers, body)
                .flatMap(answer -> DataBufferUtils.join(answer.body(), MAX_ANSWER_BYTES)
                        .map(joined -> {
                            byte[] bytes = new byte[joined.readableByteCount()];
                            joined.read(bytes);
                            return bytes;
                        })
                        .defaultIfEmpty(new byte[0])
                        .map(bytes -> ack(send.requestId(), answer.status(), bytes)))
                .timeout(properties.sendTimeout())
                .onErrorResume(
                        TimeoutException.class,
                        late -> Mono.just(ack(
                                send.requestId(),
                                504,
                                ApiError.of(ErrorCode.INTERNAL, "The service did not answer in time"))))
                .onErrorResume(failure -> {
                    log.warn("A WebSocket send failed before it was answered", failure);
                    return Mono.just(ack(send.requestId(), 500, ApiError.of(ErrorCode.INTERNAL, "The send failed")));
                });
    }

    private String ack(String requestId, int status, byte[] body) {
        JsonNode parsed;
        try {
            parsed = body.length == 0 ? null : json.readTree(body);
        } catch (java.io.IOException notJson) {
            parsed = json.getNodeFactory().textNode(new String(body, StandardCharsets.UTF_8));
        }
        ObjectNode ack = json.createObjectNode()
                .put("type", "ack")
                .put("requestId", requestId)
                .put("status", status);
        ack.set("body", parsed);
        return write(ack);
    }

    private String ack(String requestId, int status, ApiError error) {
        ObjectNode ack = json.createObjectNode()
                .put("type", "ack")
                .put("requestId", requestId)
                .put("status", status);
        ack.set("body", json.valueToTree(error));
        return write(ack);
    }

    private String error(String requestId, String problem) {
        ObjectNode frame = json.createObjectNode().put("type", "error").put("requestId", requestId);
        frame.setAll((ObjectNode) json.valueToTree(ApiError.of(ErrorCode.VALIDATION_ERROR, problem)));
        return write(frame);
    }

    private String write(ObjectNode frame) {
        try {
            return json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A frame built here could not be written", e);
        }
    }
}
