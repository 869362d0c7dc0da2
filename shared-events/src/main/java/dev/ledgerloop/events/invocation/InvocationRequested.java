package dev.ledgerloop.events.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.util.Objects;
import java.util.UUID;

/**
 * A human ({@code requestedBy}, a user id) invoked one of an agent's registered commands. The arguments come end-to-end
 * encrypted, in plain JSON (checked against the command's schema), or both.
 */
public record InvocationRequested(
        UUID invocationId,
        UUID agentId,
        String command,
        EncryptedEnvelope encryptedArguments,
        JsonNode arguments,
        String requestedBy)
        implements InvocationEvent {

    public InvocationRequested {
        Objects.requireNonNull(invocationId, "invocationId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(requestedBy, "requestedBy");
    }
}
