package dev.ledgerloop.command.agent;

import java.time.Instant;
import java.util.UUID;

/** The agent's registration as it stands after a {@code RegisterAgent}: the first one's, which later ones keep. */
public record AgentState(UUID id, String name, String description, Instant createdAt) {}
