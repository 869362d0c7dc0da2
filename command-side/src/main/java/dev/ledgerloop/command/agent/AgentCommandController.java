package dev.ledgerloop.command.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.events.agent.RegisteredCommand;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** An agent registers the commands humans may invoke (API.md §Commands); listing them is the query side's. */
@RestController
@RequestMapping("/v1/agent/commands")
class AgentCommandController {
    private final AgentCommandSender commands;

    AgentCommandController(AgentCommandSender commands) {
        this.commands = commands;
    }

    /** Replaces the agent's whole set; answers the set as registered. */
    @PutMapping
    @SuppressWarnings("unchecked")
    List<RegisteredCommand> register(
            Principal principal,
            @RequestBody(required = false)
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            array =
                                                    @ArraySchema(
                                                            schema =
                                                                    @Schema(
                                                                            implementation =
                                                                                    CommandRequestSchemas
                                                                                            .CommandDefinition.class))))
                    JsonNode body) {
        UUID agentId = agentOf(principal);
        return (List<RegisteredCommand>) commands.send(agentId, new RegisterCommands(agentId, parse(body)), principal);
    }

    private static List<RegisteredCommand> parse(JsonNode body) {
        if (body == null || !body.isArray()) {
            throw ApiException.validation(
                    "The request body must be a JSON array of commands {name, description, parameters}");
        }
        List<RegisteredCommand> parsed = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            String field = "[" + i + "]";
            JsonNode item = body.get(i);
            if (!item.isObject()) {
                throw invalid(field, "must be an object {name, description, parameters}");
            }
            JsonNode name = item.get("name");
            if (name == null || !name.isTextual()) {
                throw invalid(field + ".name", "is required and must be a string");
            }
            JsonNode description = item.get("description");
            if (description != null && !description.isNull() && !description.isTextual()) {
                throw invalid(field + ".description", "must be a string");
            }
            JsonNode parameters = item.get("parameters");
            if (parameters == null || !parameters.isObject()) {
                throw invalid(field + ".parameters", "is required and must be a JSON Schema object");
            }
            parsed.add(new RegisteredCommand(
                    name.textValue(), description == null ? null : description.textValue(), parameters));
        }
        return parsed;
    }

    private static UUID agentOf(Principal principal) {
        if (!principal.isAgent()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only agents use /v1/agent endpoints");
        }
        return UUID.fromString(principal.subjectId());
    }

    private static ApiException invalid(String field, String problem) {
        return ApiException.validation("Field '" + field + "' " + problem);
    }
}
