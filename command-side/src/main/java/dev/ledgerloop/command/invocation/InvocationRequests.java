package dev.ledgerloop.command.invocation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.service.web.request.IfMistyped;
import dev.ledgerloop.service.web.request.RequestRecord;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/** The invocation request bodies: each binds, validates and describes itself in the API. */
final class InvocationRequests {
    static final int MAX_ARGUMENTS_CHARS = 64 * 1024;
    static final int MAX_COMMAND_NAME = 100;
    static final int MAX_ERROR = 2000;
    private static final String REQUIRED = "is required";
    private static final String COMMAND_NAME =
            "must be a non-empty string of at most " + MAX_COMMAND_NAME + " characters";
    private static final String ERROR = "must be a non-empty string of at most " + MAX_ERROR + " characters";

    private InvocationRequests() {}

    @RequestRecord
    record InvokeRequest(
            @NotNull(message = REQUIRED) UUID agentId,

            @NotNull(message = REQUIRED)
            @NotBlank(message = COMMAND_NAME)
            @Size(max = MAX_COMMAND_NAME, message = COMMAND_NAME)
            @IfMistyped(COMMAND_NAME)
            String command,

            EncryptedEnvelope encryptedArguments,

            @Schema(description = "plain arguments, validated against the command's JSON Schema")
            ObjectNode arguments,

            @Schema(
                    description = "the session the invocation is made in; its content is then erased when the"
                            + " session is shredded")
            UUID sessionId,

            @Schema(description = "when the invocation expires unless the agent finished it before; in the future")
            Instant expiresAt) {}

    @RequestRecord
    record CompleteRequest(@NotNull(message = REQUIRED) EncryptedEnvelope encryptedResult) {}

    @RequestRecord
    record FailRequest(
            @NotNull(message = REQUIRED)
            @NotBlank(message = ERROR)
            @Size(max = MAX_ERROR, message = ERROR)
            @IfMistyped(ERROR)
            String error) {}
}
