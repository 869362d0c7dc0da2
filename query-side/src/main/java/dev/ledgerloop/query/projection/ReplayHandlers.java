package dev.ledgerloop.query.projection;

import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.service.parking.ParkedEvents;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;

/**
 * Fresh instances of the rebuilt projections, fed through Axon's own handler adapter, so that {@code @SequenceNumber},
 * {@code @Timestamp} and {@code MetaData} resolve as they do for the live processors. Each view takes the chunks of
 * events in order, one after the other, on threads of the pool, at its own pace: each writes only its own collections,
 * as each has its own live processor, so none waits for another's writes, a view with little to do runs ahead of one
 * with much, and the reader decodes the next chunks meanwhile.
 *
 * <p>An event the live processor of a view has parked is left out of that view, with the later events of its aggregate
 * that wait behind it (docs/replay.md §Rebuild): the rebuilt view matches the live one, and a retry or eviction of the
 * letter later applies to whichever is live then. Any other handler failure ends the rebuild.
 */
final class ReplayHandlers {
    private final List<Handler> handlers;
    private final Executor views;
    /** Each view's last chunk handed over; its next chunk starts when it is done with this one. */
    private final List<CompletableFuture<Void>> lanes;

    private ReplayHandlers(List<Handler> handlers, Executor views) {
        this.handlers = handlers;
        this.views = views;
        this.lanes = new ArrayList<>(Collections.nCopies(handlers.size(), CompletableFuture.completedFuture(null)));
    }

    static ReplayHandlers of(
            List<Projection> projections, MongoDatabase database, ParkedEvents parked, Executor views) {
        return new ReplayHandlers(
                projections.stream()
                        .map(projection -> new Handler(
                                projection.name(),
                                new AnnotationEventHandlerAdapter(projection.writingTo(database)),
                                projection.batchInterceptors(),
                                parked,
                                parked.parkedSequences(projection.name())))
                        .toList(),
                views);
    }

    /**
     * Hands the events to every view, after the chunks handed before, and answers at once; the answer completes when
     * every view has handled them ({@link #await}). A view that failed handles nothing more.
     */
    CompletableFuture<Void> handAll(List<? extends EventMessage<?>> events) {
        CompletableFuture<?>[] handled = new CompletableFuture<?>[handlers.size()];
        for (int i = 0; i < handlers.size(); i++) {
            Handler handler = handlers.get(i);
            CompletableFuture<Void> next = lanes.get(i).thenRunAsync(() -> handler.handleAll(events), views);
            lanes.set(i, next);
            handled[i] = next;
        }
        return CompletableFuture.allOf(handled);
    }

    /**
     * Waits until the views have handled a chunk; if one failed, waits until every view has stopped (nothing runs on
     * behind the caller's back) and throws the failure.
     */
    void await(CompletableFuture<Void> handled) {
        try {
            handled.join();
        } catch (CompletionException e) {
            lanes.forEach(lane -> lane.handle((done, failure) -> null).join());
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private record Handler(
            String view,
            AnnotationEventHandlerAdapter adapter,
            List<MessageHandlerInterceptor<EventMessage<?>>> interceptors,
            ParkedEvents parked,
            Set<String> parkedSequences) {
        /** The events as one batch, through the interceptors its live processor's batches run through. */
        void handleAll(List<? extends EventMessage<?>> events) {
            if (interceptors.isEmpty()) {
                events.forEach(this::handle);
                return;
            }
            BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(new ArrayList<>(events));
            ResultMessage<?> result = batch.executeWithResult(
                    () -> new DefaultInterceptorChain<>(batch, interceptors, message -> {
                                handle(message);
                                return null;
                            })
                            .proceed(),
                    RollbackConfigurationType.ANY_THROWABLE);
            if (result.isExceptional()) {
                Throwable failure = result.exceptionResult();
                if (failure instanceof Error error) {
                    throw error;
                }
                throw failure instanceof RebuildFailure rebuild
                        ? rebuild
                        : new RebuildFailure(view, batch.getMessage(), (Exception) failure);
            }
        }

        void handle(EventMessage<?> event) {
            if (!adapter.canHandle(event) || parkedHere(event, false)) {
                return;
            }
            try {
                adapter.handle(event);
            } catch (Exception e) {
                if (!parkedHere(event, true)) {
                    throw new RebuildFailure(view, event, e);
                }
            }
        }

        /** Cheap for the common case: only events of an aggregate with letters are looked up. */
        private boolean parkedHere(EventMessage<?> event, boolean failed) {
            boolean ofParkedAggregate = event instanceof DomainEventMessage<?> domain
                    && parkedSequences.contains(domain.getAggregateIdentifier());
            return (failed || ofParkedAggregate) && parked.isParked(view, event.getIdentifier());
        }
    }
}
