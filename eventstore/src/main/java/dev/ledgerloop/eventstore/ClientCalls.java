package dev.ledgerloop.eventstore;

import com.eventstore.dbclient.AppendToStreamOptions;
import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.ReadAllOptions;
import com.eventstore.dbclient.ReadResult;
import com.eventstore.dbclient.ReadStreamOptions;
import com.eventstore.dbclient.StreamNotFoundException;
import com.eventstore.dbclient.WrongExpectedVersionException;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;

/**
 * The calls of the asynchronous EventStoreDB client that are waited for (the engine's, and the record codec's own
 * reads), each with a deadline, so that Axon's synchronous contracts hold and no caller waits without a bound
 * (docs/concurrency.md).
 *
 * <p>Every call asks for the deadline (gRPC {@code deadline}) and the wait for its answer is bounded by the same
 * deadline plus a grace period, in case the answer is never delivered. db-client-java 5.4 sends the deadline with an
 * append but not with a read (it treats reads as streaming calls), so a read the node never answers is ended by the
 * bounded wait alone. A missed deadline, either way or as the node's own {@code DEADLINE_EXCEEDED}, and a node that cannot
 * be reached ({@code UNAVAILABLE}) are an {@link EventStoreUnavailableException}: the caller retries (a processor) or
 * answers 503 (a request). An append that timed out may still have been written; a retry then meets the new revision
 * and reloads.
 */
public final class ClientCalls {
    private static final Duration GRACE = Duration.ofSeconds(1);

    private final EventStoreDBClient client;
    private final Duration deadline;

    public ClientCalls(EventStoreDBClient client, Duration deadline) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("The call deadline must be positive, was " + deadline);
        }
        this.client = client;
        this.deadline = deadline;
    }

    /** The raw client, for subscriptions: they live as long as they are wanted and carry no deadline. */
    EventStoreDBClient client() {
        return client;
    }

    /** @throws WrongExpectedVersionException as the client raises it: the stream is at another revision */
    void append(String stream, AppendToStreamOptions options, Iterator<EventData> events) {
        await(client.appendToStream(stream, options.deadline(deadline.toMillis()), events), "appending to " + stream);
    }

    /** @throws StreamNotFoundException as the client raises it */
    public ReadResult readStream(String stream, ReadStreamOptions options, String action) {
        return await(client.readStream(stream, options.deadline(deadline.toMillis())), action);
    }

    ReadResult readAll(ReadAllOptions options, String action) {
        return await(readAllAsync(options), action);
    }

    /** The read with the deadline, not waited for: for a caller that chains on it instead. */
    CompletableFuture<ReadResult> readAllAsync(ReadAllOptions options) {
        return client.readAll(options.deadline(deadline.toMillis()));
    }

    /**
     * The call's result. The outcomes the engine maps ({@link WrongExpectedVersionException}, {@link
     * StreamNotFoundException}) are rethrown as they are; a missed deadline or an unreachable node is an
     * {@link EventStoreUnavailableException}; any other failure becomes an {@link EventStoreException} naming {@code action}.
     */
    <T> T await(CompletableFuture<T> call, String action) {
        CompletionThreads.refuseToWait(action);
        try {
            return call.get(deadline.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStoreException("Interrupted while " + action, e);
        } catch (TimeoutException e) {
            call.cancel(false);
            throw new EventStoreUnavailableException("EventStoreDB did not answer in " + deadline + " " + action, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WrongExpectedVersionException || cause instanceof StreamNotFoundException) {
                throw (RuntimeException) cause;
            }
            if (EventStoreUnavailableException.isUnavailable(cause)) {
                throw new EventStoreUnavailableException(
                        "EventStoreDB could not be reached or did not answer in " + deadline + " " + action, cause);
            }
            throw new EventStoreException("EventStoreDB failed " + action + ": " + cause, cause);
        }
    }
}
