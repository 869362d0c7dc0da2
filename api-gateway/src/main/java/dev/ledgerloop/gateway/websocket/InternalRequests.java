package dev.ledgerloop.gateway.websocket;

import java.net.InetSocketAddress;
import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Runs a request through this gateway's own HTTP handler, exactly as if it had come in on the public port: every
 * filter (path check, authentication of the credentials it carries, rate limit, idempotency, size limit), the routes,
 * the forwarded principal and the error bodies. A WebSocket is thereby only a new framing of routes that exist: no
 * check and no backend call is written twice.
 */
@Component
class InternalRequests {
    // Lazily: the HTTP handler is built from every handler mapping, the WebSocket's among them.
    private final ObjectProvider<HttpHandler> gateway;

    InternalRequests(ObjectProvider<HttpHandler> gateway) {
        this.gateway = gateway;
    }

    /**
     * The answer once committed; cancelling before then abandons the request. The answer's body must then be read or
     * cancelled.
     */
    Mono<InternalExchange.Answer> exchange(
            HttpMethod method, URI uri, HttpHeaders headers, InetSocketAddress client, byte[] body) {
        return Mono.defer(() -> {
            InternalExchange.Request request = new InternalExchange.Request(method, uri, headers, client, body);
            InternalExchange.Response response = new InternalExchange.Response();
            Disposable handling = gateway.getObject()
                    .handle(request, response)
                    .subscribe(null, response::finished, () -> response.finished(null));
            return response.answer().doOnCancel(handling::dispose);
        });
    }
}
