package dev.ledgerloop.command.delivery.dispatch;

import dev.ledgerloop.command.delivery.DeliveryCommand.CreateDelivery;
import dev.ledgerloop.service.events.EventContext;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * Creates the dispatcher's deliveries, each {@code CreateDelivery} in a unit of work of its own on a pool of
 * {@link #THREADS} threads, and keeps the dispatcher's batch from committing before every delivery it asked for is in
 * the log.
 *
 * <p>The batch stores the processor's token when it commits; a delivery appended after that would be lost by a crash in
 * between, the restarted dispatcher starting after its event. Waiting for each creation before the next event was the
 * simple way to keep that order, and it made the dispatcher one creation at a time: a new stream's data key (a
 * journaled MongoDB insert) and an append (an fsync), some 20–25 ms each on the embedded default, so no more than 40–50
 * deliveries a second whatever the machine could do (docs/performance.md). Now the creations of a batch run side by
 * side, and this class, an interceptor of the dispatcher's processor, waits for all of them after the batch's last
 * event is handled and before the batch commits. A unit of work that is not a batch (a parked event retried on its own)
 * waits for its creation at once.
 *
 * <p>A creation that fails fails the batch, which the processor then handles again; the event whose delivery failed is
 * remembered, and the second time its creation is awaited in its own handler, so that a failure that repeats parks that
 * event (and its aggregate's later ones) like any other failing event, and the dispatcher goes on with the rest
 * (docs/replay.md): waited for only at the batch's end, it would have failed the batch again and again.
 */
@Component
class DeliveryCreations {
    private static final int THREADS = 8;

    /** Longer than any append takes; a miss fails the batch, which the processor retries. */
    private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(30);

    private static final String IN_FLIGHT = DeliveryCreations.class.getName() + ".inFlight";

    private final CommandGateway commands;
    private final ExecutorService creators;
    private final Set<String> failedEvents = ConcurrentHashMap.newKeySet();

    DeliveryCreations(CommandGateway commands) {
        this.commands = commands;
        AtomicInteger count = new AtomicInteger();
        this.creators = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "webhook-dispatch-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Static: the interceptor needs no bean, and Axon's configuration is built before the command gateway. */
    @Bean
    static ConfigurerModule dispatcherWaitsForItsDeliveries() {
        MessageHandlerInterceptor<EventMessage<?>> waitBeforeCommit = DeliveryCreations::handle;
        return configurer -> configurer.eventProcessing(
                processing -> processing.registerHandlerInterceptor(WebhookDispatcher.GROUP, axon -> waitBeforeCommit));
    }

    @PreDestroy
    void stop() {
        creators.shutdownNow();
    }

    /** Starts creating the delivery; in a batch the batch waits for it before it commits, otherwise this call does. */
    void create(CreateDelivery command, UUID spaceId) {
        Creation creation = new Creation(
                command.deliveryId(),
                command.eventId(),
                creators.submit(() ->
                        commands.sendAndWait(command, EventContext.system(spaceId, WebhookDispatcher.COMPONENT))));
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get() : null;
        if (unitOfWork instanceof BatchingUnitOfWork<?> && !failedEvents.contains(command.eventId())) {
            inFlight(unitOfWork).add(creation);
        } else {
            creation.await();
        }
    }

    private static Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        Object result = chain.proceed();
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
            awaitAll(unitOfWork);
        }
        return result;
    }

    /** The event's deliveries are all asked for: a creation of it that failed before is forgotten. */
    void settled(String eventId) {
        failedEvents.remove(eventId);
    }

    private List<Creation> inFlight(UnitOfWork<?> unitOfWork) {
        InFlight inFlight = unitOfWork.getOrComputeResource(IN_FLIGHT, key -> {
            // Only if the interceptor was not called for the batch's last event: the commit waits then, after the
            // token.
            unitOfWork.onPrepareCommit(DeliveryCreations::awaitAll);
            return new InFlight(failedEvents, new ArrayList<>());
        });
        return inFlight.creations();
    }

    private static void awaitAll(UnitOfWork<?> unitOfWork) {
        InFlight inFlight = unitOfWork.getResource(IN_FLIGHT);
        if (inFlight == null) {
            return;
        }
        try {
            for (Creation creation : inFlight.creations()) {
                try {
                    creation.await();
                } catch (RuntimeException e) {
                    inFlight.failedEvents().add(creation.eventId());
                    throw e;
                }
            }
        } finally {
            inFlight.creations().clear();
        }
    }

    /** A batch's creations still running, and where to remember the events whose creation failed. */
    private record InFlight(Set<String> failedEvents, List<Creation> creations) {}

    private record Creation(UUID deliveryId, String eventId, Future<Object> created) {
        void await() {
            try {
                created.get(CREATE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof ConcurrencyException)) {
                    throw new IllegalStateException("Creating delivery " + deliveryId + " failed", e.getCause());
                }
                // Created before this replay or restart: exactly one delivery per (event, endpoint).
            } catch (TimeoutException e) {
                created.cancel(true);
                throw new IllegalStateException(
                        "Creating delivery " + deliveryId + " took longer than " + CREATE_TIMEOUT, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while creating delivery " + deliveryId, e);
            }
        }
    }
}
