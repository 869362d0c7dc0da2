package dev.ledgerloop.command.identity;

import java.util.UUID;

/** Issue an agent API key, given only its hash; send it with the space's {@code EventContext}. */
record IssueApiKey(UUID keyId, String keyHash, UUID agentId, String agentName) {}
