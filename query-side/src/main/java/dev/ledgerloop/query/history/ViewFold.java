package dev.ledgerloop.query.history;

import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.query.projection.Projection;
import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;

/**
 * Fresh instances of view projections' handlers on one database, fed events the way the live processors feed them:
 * through Axon's annotation adapter, so {@code @SequenceNumber}, {@code @Timestamp}, {@code MetaData} and message
 * parameters resolve as they do live. One implementation of each view, whether it is built live or for a history.
 */
final class ViewFold {
    private final List<AnnotationEventHandlerAdapter> handlers;

    ViewFold(List<Projection> projections, MongoDatabase database) {
        this.handlers = projections.stream()
                .map(projection -> new AnnotationEventHandlerAdapter(projection.writingTo(database)))
                .toList();
    }

    void apply(EventMessage<?> event) {
        for (AnnotationEventHandlerAdapter handler : handlers) {
            if (handler.canHandle(event)) {
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
    }
}
