package dev.ledgerloop.events.invocation;

import dev.ledgerloop.events.crypto.SessionSealed;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.util.Objects;
import java.util.UUID;

/**
 * The agent carried out the invocation; its result is end-to-end encrypted.
 *
 * @param sealedResult for an invocation made in a session: the result's JSON sealed under the session's data key
 *     (shredding the session erases it), and {@code encryptedResult} is null
 */
public record InvocationCompleted(UUID invocationId, EncryptedEnvelope encryptedResult, SessionSealed sealedResult)
        implements InvocationEvent {

    public InvocationCompleted(UUID invocationId, EncryptedEnvelope encryptedResult) {
        this(invocationId, encryptedResult, null);
    }

    public InvocationCompleted {
        Objects.requireNonNull(invocationId, "invocationId");
        if ((encryptedResult == null) == (sealedResult == null)) {
            throw new IllegalArgumentException("An invocation completes with a result or a sealed result");
        }
    }
}
