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

    WebhookResource withSecret(String secret) {
        return new WebhookResource(id, url, eventTypes, scope, enabled, disabledReason, createdAt, updatedAt, secret);
    }
}
