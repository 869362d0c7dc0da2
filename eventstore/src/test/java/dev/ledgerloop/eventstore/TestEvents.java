package dev.ledgerloop.eventstore;

import dev.ledgerloop.eventstore.counter.CounterEvent.CounterCreated;
import dev.ledgerloop.eventstore.counter.CounterEvent.CounterIncremented;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/** Counter events as Axon messages, for tests that drive the engine without an aggregate. */
final class TestEvents {
    private TestEvents() {}

    static String newCounterId() {
        return UUID.randomUUID().toString();
    }

    static DomainEventMessage<?> created(String counterId) {
        return new GenericDomainEventMessage<>("Counter", counterId, 0, new CounterCreated(counterId));
    }

    static DomainEventMessage<?> incremented(String counterId, long sequenceNumber) {
        int value = (int) sequenceNumber;
        return new GenericDomainEventMessage<>(
                "Counter", counterId, sequenceNumber, new CounterIncremented(counterId, 1, value));
    }

    /** A counter's whole history: created, then incremented up to {@code count - 1}. */
    static List<DomainEventMessage<?>> history(String counterId, int count) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        events.add(created(counterId));
        for (long sequence = 1; sequence < count; sequence++) {
            events.add(incremented(counterId, sequence));
        }
        return events;
    }
}
