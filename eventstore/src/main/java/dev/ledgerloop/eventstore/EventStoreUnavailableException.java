package dev.ledgerloop.eventstore;

import org.axonframework.common.AxonTransientException;

/**
 * EventStoreDB did not answer a call within its deadline. Transient: a processor retries the batch, a request answers
 * 503 and may be repeated. An append that timed out may have been written; a repeat then meets the new revision.
 */
public class EventStoreUnavailableException extends AxonTransientException {
    public EventStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when {@code failure} or one of its causes is this exception. */
    public static boolean isCauseOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof EventStoreUnavailableException) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }

    /**
     * True when {@code failure} or one of its causes is gRPC's {@code DEADLINE_EXCEEDED}: the call's deadline passed
     * before EventStoreDB answered. Every caller of the client maps such a failure to this exception.
     */
    public static boolean isDeadlineExceeded(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // gRPC's StatusRuntimeException (the client may shade it): its message starts with the status code.
            if (cause.getClass().getSimpleName().equals("StatusRuntimeException")
                    && String.valueOf(cause.getMessage()).startsWith("DEADLINE_EXCEEDED")) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }
}
