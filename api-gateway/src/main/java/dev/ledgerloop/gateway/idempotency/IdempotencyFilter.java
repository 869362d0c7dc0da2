package dev.ledgerloop.gateway.idempotency;

import dev.ledgerloop.gateway.GatewayProperties;
import dev.ledgerloop.gateway.authentication.AuthenticatedPrincipal;
import dev.ledgerloop.gateway.authentication.AuthenticationFilter;
import dev.ledgerloop.gateway.error.GatewayException;
import dev.ledgerloop.gateway.store.GatewayDatabase;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.hash.Sha256Hex;
import dev.ledgerloop.platform.principal.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code Idempotency-Key} on a POST: the first request runs and its answer (status, content type, body) is kept;
 * a repeat by the same principal to the same path gets that answer again ({@code Idempotent-Replayed: true}) and never
 * reaches the backend, so no second event is written. A repeat while the first still runs answers 409, and so does
 * the same key on the same path with another method or body (a fingerprint of both is kept), as the IETF draft "The
 * Idempotency-Key HTTP Header Field" asks of a reused key; the same key on another path is another request. An answer
 * of 5xx, or a failure to reach the backend, is not kept, so a retry runs again. Kept answers are sealed
 * ({@link ReplySeal}): the store never holds a guest token or a webhook secret readable.
 *
 * <p>Here rather than in each backend: one implementation for every POST, before any command runs, and the
 * backends stay unaware of retries (README, "Idempotency").
 */
@Component
@EnableConfigurationProperties(IdempotencyProperties.class)
class IdempotencyFilter implements WebFilter, Ordered {
    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final Optional<IdempotentReplies> replies;
    private final ReplySeal seal;

    IdempotencyFilter(GatewayDatabase database, IdempotencyProperties properties, GatewayProperties gateway) {
        this.replies = database.database().map(mongo -> new IdempotentReplies(mongo, Clock.systemUTC(), properties));
        this.seal = new ReplySeal(gateway.principalSecret());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        List<String> keys = request.getHeaders().getOrEmpty(HEADER);
        Optional<Principal> principal = AuthenticatedPrincipal.of(exchange);
        if (keys.isEmpty() || principal.isEmpty() || isSafe(request.getMethod())) {
            return chain.filter(exchange);
        }
        if (!HttpMethod.POST.equals(request.getMethod())) {
            return refuseIfUsedByAPost(exchange, chain, principal.get(), keys);
        }
        if (keys.size() != 1 || !KEY.matcher(keys.get(0)).matches()) {
            return Mono.error(new GatewayException(
                    ErrorCode.VALIDATION_ERROR, "Idempotency-Key must be 1 to 255 visible ASCII characters"));
        }
        String path = request.getPath().pathWithinApplication().value();
        if (path.startsWith("/v1/provision/")) {
            // A provisioning answer holds a new API key in clear, which is never stored anywhere.
            return Mono.error(new GatewayException(
                    ErrorCode.VALIDATION_ERROR,
                    "Idempotency-Key is not accepted on /v1/provision: its answers hold keys that are never stored"));
        }
        if (replies.isEmpty()) {
            return Mono.error(new GatewayException(
                    ErrorCode.VALIDATION_ERROR, "Idempotency-Key is not available: this gateway has no store for it"));
        }
        IdempotentReplies store = replies.get();
        String scope = scope(principal.get(), path, keys.get(0));
        String id = Sha256Hex.of(scope);
        return DataBufferUtils.join(request.getBody())
                .map(IdempotencyFilter::bytesOf)
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> {
                    String fingerprint = fingerprint(request.getMethod().name(), path, body);
                    ServerWebExchange again = exchange.mutate()
                            .request(new ServerHttpRequestDecorator(request) {
                                @Override
                                public Flux<DataBuffer> getBody() {
                                    // A new buffer per subscription: a written buffer is released.
                                    return Flux.defer(() -> Flux.just(exchange.getResponse()
                                            .bufferFactory()
                                            .wrap(body)));
                                }
                            })
                            .build();
                    return Mono.fromCallable(() -> store.claim(id, fingerprint))
                            .subscribeOn(Schedulers.boundedElastic())
                            .flatMap(earlier -> earlier.isPresent()
                                    ? replay(exchange.getResponse(), earlier.get(), fingerprint, scope)
                                    : runFirst(again, chain, store, id, scope));
                });
    }

    /**
     * Only a POST claims a key, but a key a POST used on this path, sent again with another method that changes
     * something (PUT, PATCH, DELETE), is a key reused for another request: refused like one with another body.
     */
    private Mono<Void> refuseIfUsedByAPost(
            ServerWebExchange exchange, WebFilterChain chain, Principal principal, List<String> keys) {
        if (replies.isEmpty() || keys.size() != 1 || !KEY.matcher(keys.get(0)).matches()) {
            return chain.filter(exchange);
        }
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        String id = Sha256Hex.of(scope(principal, path, keys.get(0)));
        return Mono.fromCallable(() -> replies.get().isHeld(id))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(held -> held ? Mono.error(reusedForAnotherRequest()) : chain.filter(exchange));
    }

    /** A read changes nothing, so a key on it (a client that sends one on every request) is no reuse. */
    private static boolean isSafe(HttpMethod method) {
        return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method);
    }

    private static GatewayException reusedForAnotherRequest() {
        return new GatewayException(
                ErrorCode.CONFLICT,
                "This Idempotency-Key was first used for another request (another method or body);"
                        + " use a new key for a new request");
    }

    private static byte[] bytesOf(DataBuffer joined) {
        byte[] bytes = new byte[joined.readableByteCount()];
        joined.read(bytes);
        DataBufferUtils.release(joined);
        return bytes;
    }

    /** The request as the key first saw it: method, path and body. */
    static String fingerprint(String method, String path, byte[] body) {
        return Sha256Hex.of(method + "\n" + path + "\n" + Sha256Hex.of(body));
    }

    /**
     * Runs the request and keeps its answer before the client sees it, so a retry right after the answer finds it
     * (or, for a 5xx, finds the key released).
     */
    private Mono<Void> runFirst(
            ServerWebExchange exchange, WebFilterChain chain, IdempotentReplies store, String id, String scope) {
        ServerHttpResponse response = exchange.getResponse();
        AtomicBoolean kept = new AtomicBoolean();
        Function<byte[], Mono<Void>> keep = body -> Mono.<Void>fromRunnable(() -> {
                    if (!kept.compareAndSet(false, true)) {
                        return;
                    }
                    HttpStatusCode status = response.getStatusCode();
                    int code = status == null ? 200 : status.value();
                    MediaType type = response.getHeaders().getContentType();
                    if (code >= 500) {
                        store.release(id);
                    } else {
                        store.complete(id, code, type == null ? null : type.toString(), seal.seal(scope, body));
                    }
                })
                .subscribeOn(Schedulers.boundedElastic());
        ServerHttpResponseDecorator recording = new ServerHttpResponseDecorator(response) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                return DataBufferUtils.join(Flux.from(body))
                        .map(joined -> {
                            byte[] bytes = new byte[joined.readableByteCount()];
                            joined.read(bytes);
                            DataBufferUtils.release(joined);
                            return bytes;
                        })
                        .defaultIfEmpty(new byte[0])
                        .flatMap(bytes -> keep.apply(bytes)
                                .then(super.writeWith(Mono.just(bufferFactory().wrap(bytes)))));
            }

            @Override
            public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
                return writeWith(Flux.from(body).flatMapSequential(part -> part));
            }

            @Override
            public Mono<Void> setComplete() {
                return keep.apply(new byte[0]).then(super.setComplete());
            }
        };
        return chain.filter(exchange.mutate().response(recording).build())
                .then(Mono.defer(() -> keep.apply(new byte[0])))
                .onErrorResume(failure -> Mono.<Void>fromRunnable(() -> {
                            if (kept.compareAndSet(false, true)) {
                                store.release(id);
                            }
                        })
                        .subscribeOn(Schedulers.boundedElastic())
                        .then(Mono.error(failure)));
    }

    private Mono<Void> replay(ServerHttpResponse response, StoredReply earlier, String fingerprint, String scope) {
        if (!fingerprint.equals(earlier.fingerprint())) {
            return Mono.error(reusedForAnotherRequest());
        }
        if (!earlier.done()) {
            return Mono.error(new GatewayException(
                    ErrorCode.CONFLICT, "A request with this Idempotency-Key is still running; retry shortly"));
        }
        response.setStatusCode(HttpStatusCode.valueOf(earlier.status()));
        if (earlier.contentType() != null) {
            response.getHeaders().setContentType(MediaType.parseMediaType(earlier.contentType()));
        }
        response.getHeaders().set(REPLAYED, "true");
        byte[] body;
        try {
            body = seal.open(scope, earlier.body());
        } catch (IllegalStateException unreadable) {
            return Mono.error(new GatewayException(
                    ErrorCode.CONFLICT,
                    "The first answer to this Idempotency-Key can no longer be read (the deployment's secret"
                            + " changed); use a new key"));
        }
        response.getHeaders().setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /** Scoped to the principal (an agent of a key, a human) and the path: the same key elsewhere is another request. */
    static String scope(Principal principal, String path, String key) {
        return principal.kind() + "\n" + principal.spaceId() + "\n" + principal.subjectId() + "\n" + principal.keyId()
                + "\n" + path + "\n" + key;
    }

    @Override
    public int getOrder() {
        // After authentication and the rate limit: a replay costs a request like any other.
        return AuthenticationFilter.ORDER + 20;
    }
}
