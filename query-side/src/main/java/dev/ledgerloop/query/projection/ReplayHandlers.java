package dev.ledgerloop.query.projection;

import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.service.parking.ParkedEvents;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

/**
 * Fresh instances of the rebuilt projections, fed one event at a time through Axon's own handler adapter, so that
 * {@code @SequenceNumber}, {@code @Timestamp} and {@code MetaData} resolve as they do for the live processors.
 *
 * <p>An event the live processor of a view has parked is left out of that view, with the later events of its aggregate
 * that wait behind it (docs/replay.md §Rebuild): the rebuilt view matches the live one, and a retry or eviction of the
 * letter later applies to whichever is live then. Any other handler failure ends the rebuild.
 */
final class ReplayHandlers {
    private final List<Handler> handlers;

    private ReplayHandlers(List<Handler> handlers) {
        this.handlers = handlers;
    }

    static ReplayHandlers of(List<Projection> projections, MongoDatabase database, ParkedEvents parked) {
        return new ReplayHandlers(projections.stream()
                .map(projection -> new Handler(
                        projection.name(),
                        new AnnotationEventHandlerAdapter(projection.writingTo(database)),
                        parked,
                        parked.parkedSequences(projection.name())))
                .toList());
    }

    void handle(EventMessage<?> event) {
        for (Handler handler : handlers) {
            handler.handle(event);
        }
    }

    private record Handler(
            String view, AnnotationEventHandlerAdapter adapter, ParkedEvents parked, Set<String> parkedSequences) {
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
