package dev.ledgerloop.command.invocation;

import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.domain.DomainException;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.events.RetryingCommandSender;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
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
        return send(invocationId, command, EventContext.of(principal));
    }

    /** With the metadata of a command the system sends on its own ({@code EventContext.system}). */
    InvocationState send(UUID invocationId, Object command, MetaData context) {
        return commands.send(
                command,
                context,
                InvocationState.class,
                () -> DomainException.notFound("Invocation " + invocationId + " not found"),
                "The invocation was changed concurrently; try again");
    }
}
