package dev.ledgerloop.eventstore.counter;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;

/** A projection that only remembers, in order, every event its processor handed it. */
@ProcessingGroup(CounterLog.PROCESSING_GROUP)
public class CounterLog {
    public static final String PROCESSING_GROUP = "counter-log";

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    /** One handled event; {@code aggregateType} is null for an event that is not an aggregate's. */
    public record Entry(
            String messageId,
            String aggregateType,
            String aggregateId,
            long sequenceNumber,
            Object payload,
            TrackingToken token) {}

    @EventHandler
    void on(Object payload, EventMessage<?> event, TrackingToken token) {
        if (event instanceof DomainEventMessage) {
            DomainEventMessage<?> domainEvent = (DomainEventMessage<?>) event;
            entries.add(new Entry(
                    event.getIdentifier(),
                    domainEvent.getType(),
                    domainEvent.getAggregateIdentifier(),
                    domainEvent.getSequenceNumber(),
                    payload,
                    token));
        } else {
            entries.add(new Entry(event.getIdentifier(), null, null, -1, payload, token));
        }
    }

    public List<Entry> all() {
        return List.copyOf(entries);
    }

    public List<Entry> of(String counterId) {
        return entries.stream()
                .filter(entry -> counterId.equals(entry.aggregateId()))
                .collect(Collectors.toList());
    }
}
