package dev.ledgerloop.command.webhook;

import java.util.List;
import java.util.UUID;

/**
 * Where and how to send a delivery: the endpoint's URL, the secrets that sign now (the newest first) and the optional
 * bearer token. Never leaves the command side.
 */
public record WebhookTarget(
        UUID webhookId,
        UUID spaceId,
        String url,
        boolean enabled,
        boolean deleted,
        List<String> secrets,
        String authToken) {

    public boolean receivesDeliveries() {
        return enabled && !deleted;
    }
}
