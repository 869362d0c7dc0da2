package dev.ledgerloop.gateway.websocket;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;

/**
 * Who opened a WebSocket: the credentials of its handshake (kept in memory for the socket's life, never logged) and
 * its address. Each request made for it carries them, so each is authenticated, limited and refused exactly as the
 * same request on the public port, and a revoked key or an expired token stops working at once.
 */
final class Caller {
    private static final List<String> CREDENTIALS = List.of(HttpHeaders.AUTHORIZATION, "X-API-Key", "X-Hiloop");

    private final InternalRequests requests;
    private final HttpHeaders credentials = new HttpHeaders();
    private final InetSocketAddress address;
    private final String origin;

    Caller(InternalRequests requests, ServerHttpRequest handshake) {
        this.requests = requests;
        for (String name : CREDENTIALS) {
            List<String> values = handshake.getHeaders().get(name);
            if (values != null) {
                credentials.put(name, List.copyOf(values));
            }
        }
        this.address = handshake.getRemoteAddress();
        URI uri = handshake.getURI();
        this.origin = uri.getScheme() + "://" + uri.getRawAuthority();
    }

    /** {@code pathAndQuery} raw (percent-encoded) as it would appear on the request line. */
    Mono<InternalExchange.Answer> request(HttpMethod method, String pathAndQuery, HttpHeaders headers, byte[] body) {
        HttpHeaders all = new HttpHeaders();
        all.putAll(headers);
        all.putAll(credentials);
        if (body.length > 0) {
            all.setContentLength(body.length);
        }
        return requests.exchange(method, URI.create(origin + pathAndQuery), all, address, body);
    }
}
