package dev.ledgerloop.command.agent;

import dev.ledgerloop.command.agent.AgentCommand.RegisterCommands;
import dev.ledgerloop.events.agent.RegisteredCommand;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** An agent registers the commands humans may invoke; listing them is the query side's. */
@RestController
@RequestMapping("/v1/agent/commands")
class RegisteredCommandsController {
    private final AgentCommandSender agents;

    RegisteredCommandsController(AgentCommandSender agents) {
        this.agents = agents;
    }

    /** Replaces the agent's whole set; answers the set as registered. */
    @PutMapping
    @SuppressWarnings("unchecked")
    List<RegisteredCommand> register(Principal principal, @RequestBody List<CommandDefinition> body) {
        UUID agentId = agentOf(principal);
        List<RegisteredCommand> registered = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            registered.add(CommandDefinition.registered(body.get(i), "[" + i + "]"));
        }
        return (List<RegisteredCommand>) agents.send(agentId, new RegisterCommands(agentId, registered), principal);
    }

    private static UUID agentOf(Principal principal) {
        if (!principal.isAgent()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only agents use /v1/agent endpoints");
        }
        return UUID.fromString(principal.subjectId());
    }
}
