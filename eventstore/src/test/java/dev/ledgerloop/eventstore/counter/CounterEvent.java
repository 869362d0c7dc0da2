package dev.ledgerloop.eventstore.counter;

/** What happens to a {@link Counter}. */
public sealed interface CounterEvent {

    String counterId();

    record CounterCreated(String counterId) implements CounterEvent {}

    record CounterIncremented(String counterId, int by, int value) implements CounterEvent {}
}
