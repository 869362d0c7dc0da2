package dev.ledgerloop.command.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.util.UUID;

/** A human invokes an agent's registered command, whose arguments were already checked against its schema. */
record RequestInvocation(
        UUID invocationId,
        UUID agentId,
        String command,
        EncryptedEnvelope encryptedArguments,
        JsonNode arguments,
        String requestedBy) {}
