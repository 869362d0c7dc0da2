package dev.ledgerloop.query.history;

import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.query.projection.Projection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.axonframework.eventhandling.EventMessage;

/**
 * Fresh instances of view projections' handlers on one database, fed events the way the live processors feed them:
 * through Axon's handler inspection ({@link InspectedHandlers}), so {@code @SequenceNumber}, {@code @Timestamp}, {@code MetaData} and message
 * parameters resolve as they do live. One implementation of each view, whether it is built live or for a history.
 */
final class ViewFold {
    private final List<InspectedHandlers> handlers;
    private final Executor executor;

    ViewFold(List<Projection> projections, MongoDatabase database, Executor executor) {
        this.handlers = projections.stream()
                .map(projection -> InspectedHandlers.of(projection.writingTo(database)))
                .toList();
        this.executor = executor;
    }

    /** Applies the event to every view, one after the other. */
    void apply(EventMessage<?> event) {
        handlers.forEach(handler -> apply(handler, event));
    }

    /**
     * Applies the events in order to every view, the views side by side: each writes only its own collections, as
     * each has its own live processor, so they never wait for one another's writes.
     */
    void applyAll(List<? extends EventMessage<?>> events) {
        if (events.isEmpty()) {
            return;
        }
        List<CompletableFuture<Void>> views = handlers.stream()
                .map(handler ->
                        CompletableFuture.runAsync(() -> events.forEach(event -> apply(handler, event)), executor))
                .toList();
        try {
            CompletableFuture.allOf(views.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static void apply(InspectedHandlers handler, EventMessage<?> event) {
        try {
            handler.handle(event);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(
                    "A view could not apply " + event.getPayloadType().getName(), e);
        }
    }
}
