package dev.ledgerloop.events.invocation;

import dev.ledgerloop.events.crypto.SessionSealed;
import java.util.Objects;
import java.util.UUID;

/**
 * The agent could not carry out the invocation and said why.
 *
 * @param sealedError for an invocation made in a session: the error sealed under the session's data key (shredding
 *     the session erases it), and {@code error} is null
 */
public record InvocationFailed(UUID invocationId, String error, SessionSealed sealedError) implements InvocationEvent {

    public InvocationFailed(UUID invocationId, String error) {
        this(invocationId, error, null);
    }

    public InvocationFailed {
        Objects.requireNonNull(invocationId, "invocationId");
        if ((error == null) == (sealedError == null)) {
            throw new IllegalArgumentException("An invocation fails with an error or a sealed error");
        }
    }
}
