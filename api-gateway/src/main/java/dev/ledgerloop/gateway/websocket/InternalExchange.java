package dev.ledgerloop.gateway.websocket;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.lang.Nullable;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A request made inside the gateway (no socket): its answer is handed over as soon as it is committed, with a body the
 * caller reads (a stream) or joins (a send). Buffers are copies on the heap ({@link DefaultDataBufferFactory}), so
 * nothing here has to be released.
 */
final class InternalExchange {
    private InternalExchange() {}

    /** Status, headers and the body to come; the body must be subscribed to (or cancelled) exactly once. */
    record Answer(int status, HttpHeaders headers, Flux<DataBuffer> body) {}

    static final class Request extends AbstractServerHttpRequest {
        private final InetSocketAddress remoteAddress;
        private final Flux<DataBuffer> body;

        Request(HttpMethod method, URI uri, HttpHeaders headers, InetSocketAddress remoteAddress, byte[] body) {
            super(method, uri, null, headers);
            this.remoteAddress = remoteAddress;
            this.body = body.length == 0
                    ? Flux.empty()
                    : Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)));
        }

        @Override
        protected MultiValueMap<String, HttpCookie> initCookies() {
            return new LinkedMultiValueMap<>();
        }

        @Override
        @Nullable
        protected SslInfo initSslInfo() {
            return null;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return remoteAddress;
        }

        @Override
        public <T> T getNativeRequest() {
            throw new UnsupportedOperationException("An internal request has no native request");
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return body;
        }
    }

    static final class Response extends AbstractServerHttpResponse {
        private final Sinks.One<Answer> answer = Sinks.one();
        private final AtomicBoolean answered = new AtomicBoolean();

        Response() {
            super(DefaultDataBufferFactory.sharedInstance);
        }

        Mono<Answer> answer() {
            return answer.asMono();
        }

        /** Called once the handling ended: an answer with no body, if none was handed over yet. */
        void finished(@Nullable Throwable failure) {
            if (answered.compareAndSet(false, true)) {
                if (failure != null) {
                    answer.tryEmitError(failure);
                } else {
                    answer.tryEmitValue(new Answer(status(), getHeaders(), Flux.empty()));
                }
            }
        }

        @Override
        protected Mono<Void> writeWithInternal(Publisher<? extends DataBuffer> body) {
            if (!answered.compareAndSet(false, true)) {
                return Mono.error(new IllegalStateException("Answered twice"));
            }
            Sinks.Empty<Void> read = Sinks.empty();
            Flux<DataBuffer> handedOver = Flux.<DataBuffer>from(body).doFinally(signal -> read.tryEmitEmpty());
            answer.tryEmitValue(new Answer(status(), getHeaders(), handedOver));
            return read.asMono();
        }

        @Override
        protected Mono<Void> writeAndFlushWithInternal(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return writeWithInternal(Flux.from(body).concatMap(Flux::from));
        }

        private int status() {
            HttpStatusCode status = getStatusCode();
            return status == null ? HttpStatus.OK.value() : status.value();
        }

        @Override
        protected void applyStatusCode() {}

        @Override
        protected void applyHeaders() {}

        @Override
        protected void applyCookies() {}

        @Override
        public <T> T getNativeResponse() {
            throw new UnsupportedOperationException("An internal response has no native response");
        }
    }
}
