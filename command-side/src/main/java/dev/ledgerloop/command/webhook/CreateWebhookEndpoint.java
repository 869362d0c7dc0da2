package dev.ledgerloop.command.webhook;

import java.util.List;
import java.util.UUID;

/** Register an endpoint in the sender's space, with the secret generated for it. */
record CreateWebhookEndpoint(
        UUID webhookId,
        String url,
        List<String> eventTypes,
        List<UUID> agentIds,
        boolean enabled,
        String secret,
        String authToken) {}
