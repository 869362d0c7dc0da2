package dev.ledgerloop.command.delivery.dispatch;

import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.command.delivery.DeliveryCommand.CreateDelivery;
import dev.ledgerloop.events.crypto.SessionSeals;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.deadletter.InMemorySequencedDeadLetterQueue;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;

/**
 * One command-side instance's webhook dispatcher, on a MongoDB it may share with other instances, handed events the way
 * its processor hands them over: a batch in one unit of work ({@link BatchingUnitOfWork}), a failing event parked with
 * the later events of its aggregate behind it, a parked sequence retried in units of work of its own. The deliveries
 * it asks for are collected, not created.
 */
final class DispatcherInstance implements AutoCloseable {
    private final DeliveryCreations creations;
    private final InMemorySequencedDeadLetterQueue<EventMessage<?>> parked =
            InMemorySequencedDeadLetterQueue.defaultQueue();
    private final DeadLetteringEventHandlerInvoker invoker;
    private final AtomicInteger routeReads = new AtomicInteger();

    DispatcherInstance(MongoDatabase database, SessionSeals seals, Collection<CreateDelivery> asked) {
        SimpleCommandBus commands = SimpleCommandBus.builder().build();
        commands.subscribe(CreateDelivery.class.getName(), command -> {
            asked.add((CreateDelivery) command.getPayload());
            return null;
        });
        this.creations = new DeliveryCreations(
                DefaultCommandGateway.builder().commandBus(commands).build());
        WebhookRoutes routes = new WebhookRoutes(database) {
            @Override
            List<Route> active(UUID spaceId) {
                routeReads.incrementAndGet();
                return super.active(spaceId);
            }
        };
        WebhookDispatcher dispatcher =
                new WebhookDispatcher(routes, new BatchRoutes(routes), new RecordedOwners(database), creations, seals);
        this.invoker = DeadLetteringEventHandlerInvoker.builder()
                .eventHandlers(dispatcher)
                .queue(parked)
                .transactionManager(NoTransactionManager.INSTANCE)
                .build();
    }

    void batch(EventMessage<?>... events) {
        batch(List.of(events), handled -> {});
    }

    /** {@code afterEach} runs on the batch's thread after each event, within the batch. */
    void batch(List<EventMessage<?>> events, Consumer<EventMessage<?>> afterEach) {
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(events);
        ResultMessage<?> result = batch.executeWithResult(() -> {
            invoker.handle(batch.getMessage(), Segment.ROOT_SEGMENT);
            afterEach.accept(batch.getMessage());
            return null;
        });
        if (result.isExceptional()) {
            throw new AssertionError("The batch failed", result.exceptionResult());
        }
    }

    /** Evicts the first parked event of the aggregate and retries the events behind it, on the calling thread. */
    void evictAndRetryBehind(UUID aggregateId) {
        String sequence = aggregateId.toString();
        parked.evict(parked.deadLetterSequence(sequence).iterator().next());
        invoker.process(letter -> letter.message() instanceof DomainEventMessage<?> event
                && event.getAggregateIdentifier().equals(sequence));
    }

    List<String> parkedEventIds() {
        return StreamSupport.stream(parked.deadLetters().spliterator(), false)
                .flatMap(sequence -> StreamSupport.stream(sequence.spliterator(), false))
                .map(letter -> letter.message().getIdentifier())
                .toList();
    }

    /** What the processor does when its tokens are reset. */
    void reset() {
        invoker.performReset();
    }

    /** How many times the space's active routes were read from MongoDB. */
    int routeReads() {
        return routeReads.get();
    }

    @Override
    public void close() {
        creations.stop();
    }
}
