package dev.ledgerloop.eventstore;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.axonframework.common.Registration;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;

/**
 * The application's event store as one aggregate type's {@code EventSourcingRepository} must see it: reads of an
 * aggregate identifier go to that type's stream. Everything else is the shared event store's.
 *
 * <p>Reads still run through the shared store, with the type bound to the engine for the call, so that the store's
 * own behaviour stays (events staged in the current unit of work, snapshots once there are some).
 */
public final class AggregateEventStore implements EventStore {
    private final EventStore delegate;
    private final EventStoreDbStorageEngine engine;
    private final String aggregateType;

    /**
     * @param delegate the application's event store, built on {@code engine}
     * @param aggregateType the type Axon stamps on the aggregate's events: by default its simple class name
     */
    public AggregateEventStore(EventStore delegate, EventStoreDbStorageEngine engine, String aggregateType) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.aggregateType = Objects.requireNonNull(aggregateType, "aggregateType");
    }

    public String aggregateType() {
        return aggregateType;
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier) {
        return engine.withAggregateType(aggregateType, () -> delegate.readEvents(aggregateIdentifier));
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return engine.withAggregateType(
                aggregateType, () -> delegate.readEvents(aggregateIdentifier, firstSequenceNumber));
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return engine.withAggregateType(aggregateType, () -> delegate.lastSequenceNumberFor(aggregateIdentifier));
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public void publish(List<? extends EventMessage<?>> events) {
        delegate.publish(events);
    }

    @Override
    public Registration subscribe(Consumer<List<? extends EventMessage<?>>> messageProcessor) {
        return delegate.subscribe(messageProcessor);
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super EventMessage<?>> dispatchInterceptor) {
        return delegate.registerDispatchInterceptor(dispatchInterceptor);
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return delegate.openStream(trackingToken);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }
}
