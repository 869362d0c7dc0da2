package dev.ledgerloop.platform.error;

/** The documented error codes and their HTTP statuses (docs/api.md §Errors). */
public enum ErrorCode {
    VALIDATION_ERROR(400),
    UNAUTHENTICATED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    PAYLOAD_TOO_LARGE(413),
    RATE_LIMITED(429),
    INTERNAL(500);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
