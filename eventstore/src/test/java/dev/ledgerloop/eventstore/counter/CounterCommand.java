package dev.ledgerloop.eventstore.counter;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What a {@link Counter} can be asked to do. */
public sealed interface CounterCommand {

    record CreateCounter(String counterId) implements CounterCommand {}

    record IncrementCounter(@TargetAggregateIdentifier String counterId, int by) implements CounterCommand {}
}
