package dev.ledgerloop.gateway.error;

import dev.ledgerloop.platform.error.ErrorCode;

/**
 * A request the gateway answers itself with an API error body. The message goes to the client as it is, so it must
 * never hold a secret or an internal detail.
 */
public final class GatewayException extends RuntimeException {
    private final int status;
    private final ErrorCode code;

    public GatewayException(ErrorCode code, String message) {
        this(code.status(), code, message);
    }

    public GatewayException(int status, ErrorCode code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public ErrorCode code() {
        return code;
    }
}
