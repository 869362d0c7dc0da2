package dev.ledgerloop.command.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.time.Instant;
import java.util.UUID;

/** The invocation object (docs/api.md §Commands), as a command answers it. */
record InvocationResource(
        UUID id,
        UUID agentId,
        UUID sessionId,
        String command,
        EncryptedEnvelope encryptedArguments,
        JsonNode arguments,
        InvocationStatus status,
        String requestedBy,
        EncryptedEnvelope encryptedResult,
        String error,
        Instant createdAt,
        Instant completedAt,
        Instant expiresAt) {

    static InvocationResource of(InvocationState invocation) {
        return new InvocationResource(
                invocation.id(),
                invocation.agentId(),
                invocation.sessionId(),
                invocation.command(),
                invocation.encryptedArguments(),
                invocation.arguments(),
                invocation.status(),
                invocation.requestedBy(),
                invocation.encryptedResult(),
                invocation.error(),
                invocation.createdAt(),
                invocation.completedAt(),
                invocation.expiresAt());
    }
}
