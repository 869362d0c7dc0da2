package dev.ledgerloop.sdk;

/**
 * Every failure of the SDK: an error answer of the API ({@code {"error":{"code","message"}}}, docs/api.md "Errors")
 * with its HTTP status, or a failure on this side, with status 0 and one of the codes below.
 */
public final class LedgerloopException extends RuntimeException {
    /** The server could not be reached, or did not answer in time (status 0). */
    public static final String UNREACHABLE = "UNREACHABLE";
    /** Content that was expected to be readable could not be decrypted with the agent's key (status 0). */
    public static final String CANNOT_DECRYPT = "CANNOT_DECRYPT";
    /** A decision carries a signature that does not verify (status 0): do not act on it. */
    public static final String SIGNATURE_INVALID = "SIGNATURE_INVALID";
    /** An answer of the server that is not what the API documents (status 0 or the answer's). */
    public static final String UNEXPECTED_ANSWER = "UNEXPECTED_ANSWER";

    private final int status;
    private final String code;

    /** An error with this HTTP status (0 when there was no answer), code and message. */
    public LedgerloopException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** The same with a cause. */
    public LedgerloopException(int status, String code, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    /** The HTTP status of the answer, or 0 when there was none. */
    public int status() {
        return status;
    }

    /** The API's error code ({@code VALIDATION_ERROR}, {@code NOT_FOUND}, ...) or one of this class's. */
    public String code() {
        return code;
    }

    /**
     * Whether the same request may succeed later: no answer, 429, or a 5xx (the system restarting, a backend down).
     */
    public boolean isTransient() {
        return status == 0 && UNREACHABLE.equals(code) || status == 429 || status >= 500;
    }

    @Override
    public String toString() {
        return "LedgerloopException[" + status + " " + code + ": " + getMessage() + "]";
    }
}
