package dev.ledgerloop.events.invocation;

import java.util.Objects;
import java.util.UUID;

/** The invocation's {@code expiresAt} passed while it was still pending; it takes no result any more. */
public record InvocationExpired(UUID invocationId) implements InvocationEvent {

    public InvocationExpired {
        Objects.requireNonNull(invocationId, "invocationId");
    }
}
