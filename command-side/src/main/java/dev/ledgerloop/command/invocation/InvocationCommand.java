package dev.ledgerloop.command.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What may be asked of an {@link Invocation}. */
sealed interface InvocationCommand {
    /** A human invokes an agent's registered command, whose arguments were already checked against its schema. */
    record RequestInvocation(
            UUID invocationId,
            UUID agentId,
            String command,
            EncryptedEnvelope encryptedArguments,
            JsonNode arguments,
            String requestedBy,
            UUID sessionId,
            Instant expiresAt)
            implements InvocationCommand {

        RequestInvocation(
                UUID invocationId,
                UUID agentId,
                String command,
                EncryptedEnvelope encryptedArguments,
                JsonNode arguments,
                String requestedBy,
                UUID sessionId) {
            this(invocationId, agentId, command, encryptedArguments, arguments, requestedBy, sessionId, null);
        }

        RequestInvocation(
                UUID invocationId,
                UUID agentId,
                String command,
                EncryptedEnvelope encryptedArguments,
                JsonNode arguments,
                String requestedBy) {
            this(invocationId, agentId, command, encryptedArguments, arguments, requestedBy, null);
        }
    }

    /** The invoked agent reports the result. */
    record CompleteInvocation(
            @TargetAggregateIdentifier UUID invocationId, UUID agentId, EncryptedEnvelope encryptedResult)
            implements InvocationCommand {}

    /** The invoked agent reports that it could not carry the invocation out. */
    record FailInvocation(@TargetAggregateIdentifier UUID invocationId, UUID agentId, String error)
            implements InvocationCommand {}

    /** The human who invoked withdraws the invocation. */
    record CancelInvocation(@TargetAggregateIdentifier UUID invocationId, String userId) implements InvocationCommand {}

    /** The system: the invocation's {@code expiresAt} passed; nothing happens unless it is still pending. */
    record ExpireInvocation(@TargetAggregateIdentifier UUID invocationId) implements InvocationCommand {}
}
