package dev.ledgerloop.command.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerloop.events.agent.RegisteredCommand;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.web.request.IfMistyped;
import dev.ledgerloop.service.web.request.RequestRecord;
import io.swagger.v3.oas.annotations.media.Schema;

/** One command of the body of {@code PUT /v1/agent/commands}, a JSON array of them. */
@RequestRecord(
        wrongBody = "The request body must be a JSON array of commands {name, description, parameters}",
        wrongItem = "must be an object {name, description, parameters}")
record CommandDefinition(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = "[A-Za-z0-9_.-]{1,100}") @IfMistyped(NAME)
        String name,

        String description,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "a JSON Schema for the command's arguments")
        @IfMistyped(PARAMETERS)
        ObjectNode parameters) {
    static final String NAME = "is required and must be a string";
    static final String PARAMETERS = "is required and must be a JSON Schema object";

    /** The command as registered, once its required fields are there; {@code field} names it in the body. */
    static RegisteredCommand registered(CommandDefinition definition, String field) {
        if (definition == null) {
            throw invalid(field, "must be an object {name, description, parameters}");
        }
        if (definition.name() == null) {
            throw invalid(field + ".name", NAME);
        }
        if (definition.parameters() == null) {
            throw invalid(field + ".parameters", PARAMETERS);
        }
        return new RegisteredCommand(definition.name(), definition.description(), definition.parameters());
    }

    private static ApiException invalid(String field, String problem) {
        return ApiException.validation("Field '" + field + "' " + problem);
    }
}
