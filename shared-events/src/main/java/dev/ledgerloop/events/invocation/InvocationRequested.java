package dev.ledgerloop.events.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.events.crypto.SessionSealed;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * A human ({@code requestedBy}, a user id) invoked one of an agent's registered commands. The arguments come end-to-end
 * encrypted, in plain JSON (checked against the command's schema), or both.
 *
 * @param sessionId the session the invocation was made in, null when none (and before this field)
 * @param sealedArguments in a session: {@code {"encryptedArguments": …, "arguments": …}} sealed under the session's
 *     data key, so that shredding the session erases them; {@code encryptedArguments} and {@code arguments} are null
 * @param expiresAt when the invocation expires unless finished before (an {@link InvocationExpired} follows), null for
 *     never (and before this field)
 */
public record InvocationRequested(
        UUID invocationId,
        UUID agentId,
        String command,
        EncryptedEnvelope encryptedArguments,
        JsonNode arguments,
        String requestedBy,
        UUID sessionId,
        SessionSealed sealedArguments,
        Instant expiresAt)
        implements InvocationEvent {

    public InvocationRequested(
            UUID invocationId,
            UUID agentId,
            String command,
            EncryptedEnvelope encryptedArguments,
            JsonNode arguments,
            String requestedBy,
            UUID sessionId,
            SessionSealed sealedArguments) {
        this(
                invocationId,
                agentId,
                command,
                encryptedArguments,
                arguments,
                requestedBy,
                sessionId,
                sealedArguments,
                null);
    }

    public InvocationRequested(
            UUID invocationId,
            UUID agentId,
            String command,
            EncryptedEnvelope encryptedArguments,
            JsonNode arguments,
            String requestedBy) {
        this(invocationId, agentId, command, encryptedArguments, arguments, requestedBy, null, null, null);
    }

    public InvocationRequested {
        Objects.requireNonNull(invocationId, "invocationId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(requestedBy, "requestedBy");
        if (sealedArguments != null && (sessionId == null || encryptedArguments != null || arguments != null)) {
            throw new IllegalArgumentException("Sealed arguments belong to a session and replace the clear ones");
        }
        expiresAt = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MILLIS);
    }
}
