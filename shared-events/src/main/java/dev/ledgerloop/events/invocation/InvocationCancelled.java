package dev.ledgerloop.events.invocation;

import java.util.Objects;
import java.util.UUID;

/** A human ({@code cancelledBy}, a user id) withdrew the invocation before the agent finished it. */
public record InvocationCancelled(UUID invocationId, String cancelledBy) implements InvocationEvent {

    public InvocationCancelled {
        Objects.requireNonNull(invocationId, "invocationId");
        Objects.requireNonNull(cancelledBy, "cancelledBy");
    }
}
