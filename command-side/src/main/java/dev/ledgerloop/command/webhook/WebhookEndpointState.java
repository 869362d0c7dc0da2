package dev.ledgerloop.command.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The endpoint after a command that created or changed it, with the secret that signs its deliveries now. */
record WebhookEndpointState(
        UUID id,
        String url,
        List<String> eventTypes,
        List<UUID> agentIds,
        boolean enabled,
        String disabledReason,
        String secret,
        Instant createdAt,
        Instant updatedAt) {}
