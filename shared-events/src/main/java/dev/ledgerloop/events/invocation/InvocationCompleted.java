package dev.ledgerloop.events.invocation;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.util.Objects;
import java.util.UUID;

/** The agent carried out the invocation; its result is end-to-end encrypted. */
public record InvocationCompleted(UUID invocationId, EncryptedEnvelope encryptedResult) implements InvocationEvent {

    public InvocationCompleted {
        Objects.requireNonNull(invocationId, "invocationId");
        Objects.requireNonNull(encryptedResult, "encryptedResult");
    }
}
