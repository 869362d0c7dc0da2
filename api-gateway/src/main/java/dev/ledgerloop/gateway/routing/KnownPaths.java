package dev.ledgerloop.gateway.routing;

import dev.ledgerloop.gateway.error.GatewayException;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.metrics.MetricsToken;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The paths the public port serves: the API under /v1, the API description (/openapi.json, /docs), the web inbox
 * (/inbox) and the health check. Everything else answers 404 before any other work, including what the frameworks would serve on their own
 * (other actuator endpoints, static resources).
 */
@Component
class KnownPaths implements WebFilter, Ordered {
    static final String API = "/v1/**";
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE;
    /** Besides letters and digits, what RFC 3986 allows unencoded in a query. */
    private static final String QUERY_CHARACTERS = "-._~!$&'()*+,;=:@/?";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        if (!isPlain(path)) {
            return Mono.error(new GatewayException(
                    ErrorCode.VALIDATION_ERROR,
                    "The path must be in its normal form: no '.' or '..' segments, empty segments, ';' parameters,"
                            + " encoded slashes, needlessly encoded characters or encodings that are not UTF-8"));
        }
        if (!isPlainQuery(exchange.getRequest().getURI().getRawQuery())) {
            return Mono.error(new GatewayException(
                    ErrorCode.VALIDATION_ERROR,
                    "The query must be percent-encoded UTF-8: anything but letters, digits and -._~!$&'()*+,;=:@/?"
                            + " encoded"));
        }
        if (!isKnown(path.value())) {
            return Mono.error(new GatewayException(
                    ErrorCode.NOT_FOUND,
                    "No such endpoint: " + exchange.getRequest().getMethod().name() + " " + path.value()));
        }
        return chain.filter(exchange);
    }

    /**
     * Paths are forwarded unchanged and every decision here reads them as they came, so only a path in its one normal
     * spelling passes: a backend that normalises {@code /v1/../actuator} (or {@code /v1/..;/x}, {@code /v1/%2e%2e/x})
     * would serve what the gateway never meant to expose, and one that decodes {@code /v1/%61gent} or drops
     * {@code ;x=1} or an empty segment would route a human's token to {@code /v1/agent} while the credential-kind
     * rule saw another path. Refused: {@code .} and {@code ..} segments, empty segments, {@code ;} parameters,
     * encoded slashes and backslashes, percent-encoding of what needs none (letters, digits, {@code -._~}), and
     * percent-encoded bytes that are not UTF-8 or are NUL (which a servlet container refuses with a page of its own).
     */
    static boolean isPlain(PathContainer path) {
        if (path.value().contains("//")) {
            return false;
        }
        for (PathContainer.Element element : path.elements()) {
            if (element instanceof PathContainer.PathSegment segment) {
                String decoded = segment.valueToMatch();
                if (decoded.equals(".")
                        || decoded.equals("..")
                        || decoded.indexOf('/') >= 0
                        || decoded.indexOf('\\') >= 0
                        || segment.value().indexOf(';') >= 0
                        || encodesWhatNeedsNoEncoding(segment.value())
                        || !isUtf8(segment.value())
                        || decoded.indexOf('\0') >= 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean encodesWhatNeedsNoEncoding(String rawSegment) {
        for (int at = rawSegment.indexOf('%'); at >= 0; at = rawSegment.indexOf('%', at + 1)) {
            if (at + 2 >= rawSegment.length()) {
                return true;
            }
            int high = Character.digit(rawSegment.charAt(at + 1), 16);
            int low = Character.digit(rawSegment.charAt(at + 2), 16);
            if (high < 0 || low < 0) {
                return true;
            }
            char encoded = (char) (high * 16 + low);
            if (Character.isLetterOrDigit(encoded) && encoded < 128 || "-._~".indexOf(encoded) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Every percent-encoded run decodes as UTF-8 (the raw text around it is ASCII, or the URI would not parse). */
    private static boolean isUtf8(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int at = 0; at < raw.length(); at++) {
            char c = raw.charAt(at);
            int high = c == '%' && at + 2 < raw.length() ? Character.digit(raw.charAt(at + 1), 16) : -1;
            int low = high < 0 ? -1 : Character.digit(raw.charAt(at + 2), 16);
            if (low >= 0) {
                bytes.write(high * 16 + low);
                at += 2;
            } else {
                bytes.write(c < 0x80 ? c : '?');
            }
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * A query a servlet container reads as the gateway does: only the characters RFC 3986 allows in a query, and
     * percent-encoding of UTF-8 (Tomcat refuses {@code [ ] | { }} and the like with a page of its own).
     */
    static boolean isPlainQuery(String rawQuery) {
        if (rawQuery == null) {
            return true;
        }
        for (int at = 0; at < rawQuery.length(); at++) {
            char c = rawQuery.charAt(at);
            if (c == '%') {
                if (at + 2 >= rawQuery.length()
                        || Character.digit(rawQuery.charAt(at + 1), 16) < 0
                        || Character.digit(rawQuery.charAt(at + 2), 16) < 0) {
                    return false;
                }
            } else if (!(c < 0x80 && (Character.isLetterOrDigit(c) || QUERY_CHARACTERS.indexOf(c) >= 0))) {
                return false;
            }
        }
        return isUtf8(rawQuery);
    }

    static boolean isKnown(String path) {
        return path.equals("/v1")
                || path.startsWith("/v1/")
                || path.equals("/openapi.json")
                || path.equals("/docs")
                || path.startsWith("/docs/")
                || path.equals("/inbox")
                || path.startsWith("/inbox/")
                || path.equals("/actuator/health")
                || path.startsWith("/actuator/health/")
                || path.equals(MetricsToken.PATH);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
