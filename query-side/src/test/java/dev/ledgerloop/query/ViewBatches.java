package dev.ledgerloop.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import dev.ledgerloop.query.projection.Projection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
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

    /**
     * Handles the log one event at a time, then in batches of every size, each time followed by the log delivered
     * again (from its fourth event in batches of four, then whole, as a processor restarting from an older token
     * delivers it), and asserts that every way leaves the documents one at a time left; answers those.
     */
    public static List<String> assertBatchesLeaveWhatOneAtATimeLeaves(
            Supplier<MongoDatabase> server,
            Function<MongoDatabase, Projection> view,
            List<EventMessage<?>> log,
            Function<MongoDatabase, List<String>> documents) {
        MongoDatabase oneByOne = server.get();
        handleOneByOne(view.apply(oneByOne), log);
        List<String> expected = documents.apply(oneByOne);
        for (int size = 1; size <= log.size(); size++) {
            MongoDatabase batched = server.get();
            handleInBatches(view.apply(batched), log, size);
            assertThat(documents.apply(batched)).as("batches of %d", size).isEqualTo(expected);

            handleInBatches(view.apply(batched), log.subList(3, log.size()), 4);
            handleInBatches(view.apply(batched), log, log.size());
            assertThat(documents.apply(batched))
                    .as("again after batches of %d", size)
                    .isEqualTo(expected);
        }
        return expected;
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
