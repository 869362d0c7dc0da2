package dev.ledgerloop.gateway.error;

import dev.ledgerloop.platform.error.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A request the gateway answers itself with an API error body. The message goes to the client as it is, so it must
 * never hold a secret or an internal detail.
 */
public final class GatewayException extends RuntimeException {
    private final int status;
    private final ErrorCode code;
    private final Map<String, String> headers;

    public GatewayException(ErrorCode code, String message) {
        this(code.status(), code, message);
    }

    public GatewayException(int status, ErrorCode code, String message) {
        this(status, code, message, Map.of());
    }

    private GatewayException(int status, ErrorCode code, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    /**
     * A 429 {@code RATE_LIMITED}: "{@code <what>}: try again in N s" with {@code Retry-After: N}, N the wait rounded up
     * to whole seconds, at least 1.
     */
    public static GatewayException rateLimited(String what, long nanosToWait) {
        long seconds = Math.max(1, (long) Math.ceil(nanosToWait / (double) TimeUnit.SECONDS.toNanos(1)));
        return new GatewayException(ErrorCode.RATE_LIMITED, what + ": try again in " + seconds + " s")
                .withHeader("Retry-After", Long.toString(seconds));
    }

    /** The same refusal with a response header, e.g. {@code Retry-After} on a 429. */
    public GatewayException withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new GatewayException(status, code, getMessage(), more);
    }

    public Map<String, String> headers() {
        return headers;
    }

    public int status() {
        return status;
    }

    public ErrorCode code() {
        return code;
    }
}
