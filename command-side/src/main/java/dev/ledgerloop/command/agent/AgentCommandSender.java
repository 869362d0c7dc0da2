package dev.ledgerloop.command.agent;

import dev.ledgerloop.command.agent.AgentCommand.ValidateInvocation;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.domain.DomainException;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.events.RetryingCommandSender;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Sends agent commands on behalf of a principal; an agent never registered answers 404, and a concurrent change is
 * retried a few times on a fresh load, then answers 409.
 */
@Component
public class AgentCommandSender {
    static final int ATTEMPTS = 5;

    private final RetryingCommandSender commands;

    AgentCommandSender(CommandGateway commands) {
        this.commands = new RetryingCommandSender(commands, ATTEMPTS);
    }

    /** @throws DomainException not found for an unknown agent, command, or one of another space; invalid for bad
     *     arguments */
    public void validate(ValidateInvocation invocation, Principal principal) {
        send(invocation.agentId(), invocation, principal);
    }

    /** @throws DomainException not found for an agent never registered, or one of another space */
    public void require(UUID agentId, Principal principal) {
        send(agentId, new AgentCommand.RequireAgent(agentId), principal);
    }

    /** @throws DomainException not found for an agent never registered, or one of another space */
    public AgentProfile.Change publish(AgentCommand.PublishProfile profile, Principal principal) {
        return (AgentProfile.Change) send(profile.agentId(), profile, principal);
    }

    Object send(UUID agentId, Object command, Principal principal) {
        return commands.send(
                command,
                EventContext.of(principal),
                Object.class,
                () -> DomainException.notFound("Agent " + agentId + " not found"),
                "The agent was changed concurrently; try again");
    }
}
