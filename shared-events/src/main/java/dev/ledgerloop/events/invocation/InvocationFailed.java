package dev.ledgerloop.events.invocation;

import java.util.Objects;
import java.util.UUID;

/** The agent could not carry out the invocation and said why. */
public record InvocationFailed(UUID invocationId, String error) implements InvocationEvent {

    public InvocationFailed {
        Objects.requireNonNull(invocationId, "invocationId");
        Objects.requireNonNull(error, "error");
    }
}
