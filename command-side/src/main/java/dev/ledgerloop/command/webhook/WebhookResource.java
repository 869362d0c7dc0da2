package dev.ledgerloop.command.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** docs/api.md's webhook object; {@code secret} only in the answer to its creation. */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
record WebhookResource(
        UUID id,
        String url,
        List<String> eventTypes,
        Scope scope,
        boolean enabled,
        @JsonInclude(JsonInclude.Include.ALWAYS) String disabledReason,
        Instant createdAt,
        Instant updatedAt,
        String secret) {

    record Scope(List<UUID> agentIds) {}

    /** The endpoint as its creation answers it: the only time its secret is shown. */
    static WebhookResource created(WebhookEndpointState endpoint) {
        return of(endpoint, endpoint.secret());
    }

    static WebhookResource of(WebhookEndpointState endpoint) {
        return of(endpoint, null);
    }

    private static WebhookResource of(WebhookEndpointState endpoint, String secret) {
        return new WebhookResource(
                endpoint.id(),
                endpoint.url(),
                endpoint.eventTypes(),
                new Scope(endpoint.agentIds()),
                endpoint.enabled(),
                endpoint.disabledReason(),
                endpoint.createdAt(),
                endpoint.updatedAt(),
                secret);
    }
}
