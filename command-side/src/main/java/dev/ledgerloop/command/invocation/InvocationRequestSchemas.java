package dev.ledgerloop.command.invocation;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;
import java.util.UUID;

/** The shapes of the invocation request bodies (API.md §Humans, §Commands), for the API description only. */
final class InvocationRequestSchemas {
    private InvocationRequestSchemas() {}

    record InvokeRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            UUID agentId,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            String command,

            EncryptedEnvelope encryptedArguments,

            @Schema(description = "plain arguments, validated against the command's JSON Schema")
            Map<String, Object> arguments) {}

    record CompleteRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            EncryptedEnvelope encryptedResult) {}

    record FailRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            String error) {}
}
