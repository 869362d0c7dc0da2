package dev.ledgerloop.command.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.time.Instant;
import java.util.UUID;

/** The invocation after a command that requested, finished or cancelled it. */
record InvocationState(
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
        Instant expiresAt) {}
