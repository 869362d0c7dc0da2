package dev.ledgerloop.command.agent;

import java.time.Instant;
import java.util.UUID;

/** The agent's registered X25519 key, as {@code PUT /v1/agent/public-key} answers it. */
record AgentKeyState(UUID agentId, String publicKey, String fingerprint, Instant registeredAt) {}
