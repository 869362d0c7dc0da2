package dev.ledgerloop.command.webhook;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The shapes of the webhook admin request bodies (API.md §Webhooks), for the API description only. */
final class WebhookRequestSchemas {
    private WebhookRequestSchemas() {}

    record Scope(List<String> agentIds) {}

    record WebhookRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "https://hooks.example.com/ledgerloop")
            String url,

            @Schema(example = "[\"session.*\"]") List<String> eventTypes,
            Scope scope,
            @Schema(defaultValue = "true") Boolean enabled,

            @Schema(description = "sent as Authorization: Bearer <token>")
            String token) {}
}
