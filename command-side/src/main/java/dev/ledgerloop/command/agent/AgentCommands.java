package dev.ledgerloop.command.agent;

import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.events.EventContext;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

/**
 * Sends agent commands on behalf of a principal; an agent never registered answers 404, and a concurrent change is
 * retried a few times on a fresh load, then answers 409 (DESIGN §3).
 */
@Component
public class AgentCommands {
    static final int ATTEMPTS = 5;

    private final CommandGateway commands;

    AgentCommands(CommandGateway commands) {
        this.commands = commands;
    }

    /** @throws ApiException 404 for an unknown agent, command, or one of another space; 400 for bad arguments */
    public void validate(ValidateInvocation invocation, Principal principal) {
        send(invocation.agentId(), invocation, principal);
    }

    Object send(UUID agentId, Object command, Principal principal) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commands.sendAndWait(command, EventContext.of(principal));
            } catch (AggregateNotFoundException e) {
                throw ApiException.notFound("Agent " + agentId + " not found");
            } catch (ConcurrencyException e) {
                if (attempt == ATTEMPTS) {
                    throw ApiException.conflict("The agent was changed concurrently; try again");
                }
            }
        }
    }
}
