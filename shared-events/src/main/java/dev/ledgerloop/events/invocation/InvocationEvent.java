package dev.ledgerloop.events.invocation;

import dev.ledgerloop.events.AggregateEvent;
import dev.ledgerloop.events.AggregateType;
import java.util.UUID;

/** Everything that happens to a command invocation, stored on its stream {@code invocation-<invocationId>}. */
public sealed interface InvocationEvent extends AggregateEvent
        permits InvocationRequested, InvocationCompleted, InvocationFailed, InvocationCancelled, InvocationExpired {
    UUID invocationId();

    @Override
    default AggregateType aggregateType() {
        return AggregateType.INVOCATION;
    }

    @Override
    default UUID aggregateId() {
        return invocationId();
    }
}
