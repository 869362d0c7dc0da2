package dev.ledgerloop.command.identity;

import io.swagger.v3.oas.annotations.media.Schema;

/** The shape of {@code POST /v1/provision/agents} (API.md §Authentication), for the API description only. */
final class ProvisioningRequestSchemas {
    private ProvisioningRequestSchemas() {}

    record ProvisionAgentRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            String name,

            String description) {}
}
