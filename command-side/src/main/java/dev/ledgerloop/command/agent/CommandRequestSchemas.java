package dev.ledgerloop.command.agent;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** The shape of {@code PUT /v1/agent/commands} (API.md §Commands), for the API description only. */
final class CommandRequestSchemas {
    private CommandRequestSchemas() {}

    record CommandDefinition(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = "[A-Za-z0-9_.-]{1,100}")
            String name,

            String description,

            @Schema(description = "a JSON Schema for the command's arguments")
            Map<String, Object> parameters) {}
}
