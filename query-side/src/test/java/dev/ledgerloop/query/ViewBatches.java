package dev.ledgerloop.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import dev.ledgerloop.query.projection.Projection;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;

/** Hands events to a view's handlers as a history fold does (one at a time) or as its processor does (in batches). */
public final class ViewBatches {
    private ViewBatches() {}

    public static void handleOneByOne(Projection view, List<EventMessage<?>> events) {
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(view);
        for (EventMessage<?> event : events) {
            handle(handlers, event);
        }
    }

    /** As the live processor hands them over: batches of {@code size} through the view's batch interceptors. */
    public static void handleInBatches(Projection view, List<EventMessage<?>> events, int size) {
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(view);
        for (int from = 0; from < events.size(); from += size) {
            BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(
                    new ArrayList<>(events.subList(from, Math.min(events.size(), from + size))));
            ResultMessage<?> result = batch.executeWithResult(
                    () -> new DefaultInterceptorChain<>(batch, view.batchInterceptors(), message -> {
                                handle(handlers, message);
                                return null;
                            })
                            .proceed(),
                    RollbackConfigurationType.ANY_THROWABLE);
            assertThat(result.isExceptional()).as("batch from %d", from).isFalse();
        }
    }

    /** A collection's documents as JSON, by {@code _id}. */
    public static List<String> documents(MongoDatabase database, String collection) {
        List<String> json = new ArrayList<>();
        database.getCollection(collection)
                .find()
                .sort(Sorts.ascending("_id"))
                .forEach(document -> json.add(document.toJson()));
        return json;
    }

    private static void handle(AnnotationEventHandlerAdapter handlers, EventMessage<?> event) {
        try {
            if (handlers.canHandle(event)) {
                handlers.handle(event);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
