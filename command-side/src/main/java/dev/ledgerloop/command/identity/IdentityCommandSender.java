package dev.ledgerloop.command.identity;

import dev.ledgerloop.service.domain.DomainException;
import dev.ledgerloop.service.events.RetryingCommandSender;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

/**
 * Sends agent and key commands. Two first uses of the same new agent name at once both try to register it: the
 * loser's append fails on the expected revision, and the retry finds it registered (no second event).
 */
@Component
class IdentityCommandSender {
    private static final int ATTEMPTS = 3;

    private final RetryingCommandSender commands;

    IdentityCommandSender(CommandGateway commands) {
        this.commands = new RetryingCommandSender(commands, ATTEMPTS);
    }

    <R> R send(Object command, MetaData context, Class<R> resultType, String notFound) {
        return commands.send(
                command,
                context,
                resultType,
                () -> DomainException.notFound(notFound),
                "Changed concurrently; try again");
    }
}
