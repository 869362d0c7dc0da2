package dev.ledgerloop.eventstore;

import com.eventstore.dbclient.ExpectedRevision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

/** One aggregate's share of an append: consecutive events that go to its stream in one write. */
record AggregateBatch(String aggregateType, String aggregateIdentifier, List<DomainEventMessage<?>> events) {

    /**
     * Splits what a unit of work publishes by aggregate, keeping each aggregate's order.
     *
     * @throws IllegalArgumentException for an event that is not an aggregate's, or an aggregate's events whose
     *     sequence numbers are not consecutive (a stream's revisions are, and they must equal sequence numbers)
     */
    static List<AggregateBatch> split(List<? extends EventMessage<?>> events) {
        Map<List<String>, AggregateBatch> batches = new LinkedHashMap<>();
        for (EventMessage<?> event : events) {
            if (!(event instanceof DomainEventMessage)) {
                throw new IllegalArgumentException("Only aggregate events can be stored in EventStoreDB, but "
                        + event.getPayloadType().getName() + " (message " + event.getIdentifier()
                        + ") is not a DomainEventMessage: apply it from an aggregate, or publish it on an event bus"
                        + " that is not backed by the event store");
            }
            DomainEventMessage<?> domainEvent = (DomainEventMessage<?>) event;
            if (domainEvent.getType() == null || domainEvent.getAggregateIdentifier() == null) {
                throw new IllegalArgumentException("Aggregate event " + event.getIdentifier()
                        + " has no aggregate type or identifier, so it has no stream");
            }
            batches.computeIfAbsent(
                            List.of(domainEvent.getType(), domainEvent.getAggregateIdentifier()),
                            key -> new AggregateBatch(key.get(0), key.get(1), new ArrayList<>()))
                    .add(domainEvent);
        }
        return List.copyOf(batches.values());
    }

    private void add(DomainEventMessage<?> event) {
        if (events.isEmpty() && event.getSequenceNumber() < 0) {
            throw new IllegalArgumentException("Events of " + aggregateType + " " + aggregateIdentifier
                    + " cannot have a negative sequence number: " + event.getSequenceNumber());
        } else if (!events.isEmpty()) {
            long expected = events.get(events.size() - 1).getSequenceNumber() + 1;
            if (event.getSequenceNumber() != expected) {
                throw new IllegalArgumentException("Events of " + aggregateType + " " + aggregateIdentifier
                        + " must have consecutive sequence numbers: expected " + expected + ", got "
                        + event.getSequenceNumber());
            }
        }
        events.add(event);
    }

    long firstSequenceNumber() {
        return events.get(0).getSequenceNumber();
    }

    /** The stream's revision before this write: the sequence number before the first event, no stream for 0. */
    ExpectedRevision expectedRevision() {
        long first = firstSequenceNumber();
        return first == 0 ? ExpectedRevision.noStream() : ExpectedRevision.expectedRevision(first - 1);
    }
}
