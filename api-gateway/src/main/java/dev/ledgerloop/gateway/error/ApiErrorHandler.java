package dev.ledgerloop.gateway.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import dev.ledgerloop.platform.error.ApiError;
import dev.ledgerloop.platform.error.ErrorCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.reactive.error.ErrorWebExceptionHandler;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers every error the gateway itself produces with the API error body (docs/api.md §Errors): its own refusals,
 * unknown paths, and a backend it cannot reach (503) or that fails mid-answer (502). Never a stack trace. Backend
 * answers are not errors here: they pass through untouched.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrorHandler implements ErrorWebExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    private static final long DRAIN_BYTES = 16L * 1024 * 1024;
    private static final Duration DRAIN_TIME = Duration.ofSeconds(5);

    private final ObjectMapper json;

    ApiErrorHandler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            // The backend's answer is already on its way (e.g. a stream that broke off): all we can do is close.
            log.debug("Failure after the response was committed for {}", describe(exchange), failure);
            return Mono.error(failure);
        }
        Answer answer = answerFor(exchange, failure);
        Mono<Boolean> bodyRead = hasBody(exchange.getRequest()) ? drain(exchange.getRequest()) : Mono.just(true);
        return bodyRead.flatMap(whole -> {
            response.getHeaders().clear();
            response.setStatusCode(HttpStatusCode.valueOf(answer.status()));
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
            answer.headers().forEach(response.getHeaders()::set);
            if (!whole) {
                // Answered with the request's body not read to its end: the server closes the connection once it has
                // answered (what is left of the body cannot be told from a next request). Said here, so that a
                // client does not send its next request on a connection that is going away.
                response.getHeaders().setConnection("close");
            }
            byte[] body = toJson(ApiError.of(answer.code(), answer.message()));
            response.getHeaders().setContentLength(body.length);
            return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
        });
    }

    /**
     * Reads what is left of a refused request's body and throws it away, up to {@link #DRAIN_BYTES} and {@link
     * #DRAIN_TIME}, before answering: a server that closes a connection with request bytes still arriving makes TCP
     * reset it, and the reset can reach the client before the answer, which it then never sees. True when the body
     * was read to its end (the connection can then serve the next request).
     */
    private static Mono<Boolean> drain(ServerHttpRequest request) {
        long declared = request.getHeaders().getContentLength();
        if (declared > DRAIN_BYTES) {
            return Mono.just(false);
        }
        AtomicLong seen = new AtomicLong();
        return request.getBody()
                .doOnNext(buffer -> {
                    seen.addAndGet(buffer.readableByteCount());
                    DataBufferUtils.release(buffer);
                })
                .takeWhile(buffer -> seen.get() <= DRAIN_BYTES)
                .then(Mono.fromSupplier(() -> seen.get() <= DRAIN_BYTES))
                .timeout(DRAIN_TIME, Mono.just(false))
                .onErrorReturn(false);
    }

    private Answer answerFor(ServerWebExchange exchange, Throwable failure) {
        if (failure instanceof GatewayException) {
            GatewayException refusal = (GatewayException) failure;
            return new Answer(refusal.status(), refusal.code(), refusal.getMessage(), refusal.headers());
        }
        if (failure instanceof ResponseStatusException) {
            return forStatus(
                    exchange,
                    ((ResponseStatusException) failure).getStatusCode().value());
        }
        if (causedBy(failure, MongoSocketException.class) || causedBy(failure, MongoTimeoutException.class)) {
            log.warn("MongoDB unreachable or silent for {}: {}", describe(exchange), failure.toString());
            return unavailable();
        }
        if (causedBy(failure, ConnectException.class) || causedBy(failure, UnknownHostException.class)) {
            log.warn("Backend unreachable for {}: {}", describe(exchange), failure.toString());
            return unavailable();
        }
        if (causedBy(failure, TimeoutException.class)) {
            log.warn("Backend timed out for {}: {}", describe(exchange), failure.toString());
            return new Answer(504, ErrorCode.INTERNAL, "The service did not answer in time");
        }
        if (causedBy(failure, IOException.class)) {
            log.warn("Backend failed for {}: {}", describe(exchange), failure.toString());
            return new Answer(502, ErrorCode.INTERNAL, "The service failed to answer, try again later");
        }
        log.error("Unexpected failure for {}", describe(exchange), failure);
        return new Answer(500, ErrorCode.INTERNAL, "Internal error");
    }

    /** What the backends answer when their store is unavailable too: the client may try again in a second. */
    private static Answer unavailable() {
        return new Answer(
                503,
                ErrorCode.INTERNAL,
                "The service is unavailable, try again later",
                Map.of(HttpHeaders.RETRY_AFTER, "1"));
    }

    private static Answer forStatus(ServerWebExchange exchange, int status) {
        switch (status) {
            case 401:
                return new Answer(status, ErrorCode.UNAUTHENTICATED, "Missing or invalid credentials");
            case 403:
                return new Answer(status, ErrorCode.FORBIDDEN, "Not allowed");
            case 404:
                return new Answer(status, ErrorCode.NOT_FOUND, "No such endpoint: " + describe(exchange));
            case 409:
                return new Answer(status, ErrorCode.CONFLICT, "Conflict");
            case 413:
                return new Answer(status, ErrorCode.PAYLOAD_TOO_LARGE, "Request body too large");
            case 429:
                return new Answer(status, ErrorCode.RATE_LIMITED, "Too many requests");
            case 502:
            case 503:
                return new Answer(status, ErrorCode.INTERNAL, "The service is unavailable, try again later");
            case 504:
                return new Answer(status, ErrorCode.INTERNAL, "The service did not answer in time");
            default:
                if (status >= 400 && status < 500) {
                    HttpStatus known = HttpStatus.resolve(status);
                    String reason = known == null ? "Bad request" : known.getReasonPhrase();
                    return new Answer(status, ErrorCode.VALIDATION_ERROR, reason);
                }
                return new Answer(500, ErrorCode.INTERNAL, "Internal error");
        }
    }

    private static boolean hasBody(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        return headers.getContentLength() > 0 || headers.containsKey(HttpHeaders.TRANSFER_ENCODING);
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Method and path only: a query string may carry tokens. */
    private static String describe(ServerWebExchange exchange) {
        return exchange.getRequest().getMethod().name() + " "
                + exchange.getRequest().getPath().value();
    }

    private byte[] toJson(ApiError error) {
        try {
            return json.writeValueAsBytes(error);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Answer(int status, ErrorCode code, String message, Map<String, String> headers) {
        Answer(int status, ErrorCode code, String message) {
            this(status, code, message, Map.of());
        }
    }
}
