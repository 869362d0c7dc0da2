package dev.ledgerloop.eventstore;

import com.eventstore.dbclient.NoClusterNodeFoundException;
import java.util.function.Predicate;
import org.axonframework.common.AxonTransientException;

/**
 * EventStoreDB could not be reached, or did not answer a call within its deadline. Transient: a processor retries the
 * batch, a request answers 503 and may be repeated. An append that timed out may have been written; a repeat then
 * meets the new revision.
 */
public class EventStoreUnavailableException extends AxonTransientException {
    public EventStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when {@code failure} or one of its causes is this exception. */
    public static boolean isCauseOf(Throwable failure) {
        return anyCause(failure, cause -> cause instanceof EventStoreUnavailableException);
    }

    /**
     * True when {@code failure} or one of its causes says EventStoreDB could not be reached or did not answer in time:
     * gRPC's {@code DEADLINE_EXCEEDED} or {@code UNAVAILABLE}, or no node found. {@link ClientCalls} maps such a
     * failure to this exception; a repeat a little later may succeed.
     */
    static boolean isUnavailable(Throwable failure) {
        return anyCause(
                failure,
                cause -> cause instanceof NoClusterNodeFoundException
                        || hasStatus(cause, "UNAVAILABLE")
                        || hasStatus(cause, "DEADLINE_EXCEEDED"));
    }

    /** True when {@code failure} or one of its causes is gRPC's {@code DEADLINE_EXCEEDED}: the call's deadline passed. */
    static boolean isDeadlineExceeded(Throwable failure) {
        return anyCause(failure, cause -> hasStatus(cause, "DEADLINE_EXCEEDED"));
    }

    private static boolean anyCause(Throwable failure, Predicate<Throwable> test) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (test.test(cause)) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }

    /** gRPC's StatusRuntimeException (the client may shade it): its message starts with the status code. */
    private static boolean hasStatus(Throwable cause, String code) {
        return cause.getClass().getSimpleName().equals("StatusRuntimeException")
                && String.valueOf(cause.getMessage()).startsWith(code);
    }
}
