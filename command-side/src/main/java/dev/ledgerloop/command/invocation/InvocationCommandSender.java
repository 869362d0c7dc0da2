package dev.ledgerloop.command.invocation;

import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.domain.DomainException;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.events.RetryingCommandSender;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Sends invocation commands on behalf of a principal; an unknown invocation answers 404, and a concurrent change is
 * retried a few times on a fresh load, then answers 409.
 */
@Component
class InvocationCommandSender {
    static final int ATTEMPTS = 5;

    private final RetryingCommandSender commands;

    InvocationCommandSender(CommandGateway commands) {
        this.commands = new RetryingCommandSender(commands, ATTEMPTS);
    }

    InvocationState send(UUID invocationId, Object command, Principal principal) {
        return commands.send(
                command,
                EventContext.of(principal),
                InvocationState.class,
                () -> DomainException.notFound("Invocation " + invocationId + " not found"),
                "The invocation was changed concurrently; try again");
    }
}
