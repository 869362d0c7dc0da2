package dev.ledgerloop.command.identity;

import dev.ledgerloop.command.agent.AgentCommand.RegisterAgent;
import dev.ledgerloop.command.agent.AgentResource;
import dev.ledgerloop.command.agent.AgentState;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.events.EventContext;
import java.util.UUID;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /v1/agent/registration}: registers the calling agent if it is new (an {@code AgentRegistered} event,
 * once) and answers it. The gateway calls it the first time it sees an agent act, so that an unknown
 * {@code X-Hiloop} name creates the agent; an agent may call it too.
 */
@RestController
class AgentRegistrationController {
    private final IdentityCommandSender commands;

    AgentRegistrationController(IdentityCommandSender commands) {
        this.commands = commands;
    }

    @PutMapping("/v1/agent/registration")
    AgentResource register(Principal principal) {
        if (!principal.isAgent() || principal.agentName() == null) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only agents use /v1/agent endpoints");
        }
        RegisterAgent command = new RegisterAgent(UUID.fromString(principal.subjectId()), principal.agentName(), null);
        return AgentResource.of(
                commands.send(command, EventContext.of(principal), AgentState.class, "Agent not found"));
    }
}
