package dev.ledgerloop.eventstore;

import com.eventstore.dbclient.StreamNotFoundException;
import com.eventstore.dbclient.WrongExpectedVersionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;

/** Waits for a call of the asynchronous EventStoreDB client, so that Axon's synchronous contracts hold. */
final class ClientCalls {
    private ClientCalls() {}

    /**
     * The call's result. The outcomes the engine maps ({@link WrongExpectedVersionException},
     * {@link StreamNotFoundException}) are rethrown as they are; any other failure becomes an {@link
     * EventStoreException} naming {@code action}.
     */
    static <T> T await(CompletableFuture<T> call, String action) {
        try {
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStoreException("Interrupted while " + action, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WrongExpectedVersionException || cause instanceof StreamNotFoundException) {
                throw (RuntimeException) cause;
            }
            throw new EventStoreException("EventStoreDB failed " + action + ": " + cause, cause);
        }
    }
}
