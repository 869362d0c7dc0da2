package dev.ledgerloop.eventstore.counter;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.ledgerloop.eventstore.counter.CounterCommand.CreateCounter;
import dev.ledgerloop.eventstore.counter.CounterCommand.IncrementCounter;
import dev.ledgerloop.eventstore.counter.CounterEvent.CounterCreated;
import dev.ledgerloop.eventstore.counter.CounterEvent.CounterIncremented;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/** A tiny event-sourced aggregate for the engine's tests: a number that only goes up. */
public class Counter {
    @AggregateIdentifier
    private String counterId;

    private int value;

    protected Counter() {
        // for Axon: the aggregate is rebuilt from its events
    }

    @CommandHandler
    public Counter(CreateCounter command) {
        apply(new CounterCreated(command.counterId()));
    }

    /** Answers the new value. */
    @CommandHandler
    public int handle(IncrementCounter command) {
        if (command.by() <= 0) {
            throw new IllegalArgumentException("A counter only goes up");
        }
        apply(new CounterIncremented(counterId, command.by(), value + command.by()));
        return value;
    }

    @EventSourcingHandler
    void on(CounterCreated event) {
        counterId = event.counterId();
    }

    @EventSourcingHandler
    void on(CounterIncremented event) {
        value = event.value();
    }

    public int value() {
        return value;
    }
}
