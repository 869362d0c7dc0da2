package dev.ledgerloop.command.channel;

import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.domain.DomainException;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.events.RetryingCommandSender;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Sends channel commands on behalf of a principal; an unknown channel answers 404, and a concurrent change is retried
 * a few times on a fresh load, then answers 409.
 */
@Component
class ChannelCommandSender {
    static final int ATTEMPTS = 5;

    private final RetryingCommandSender commands;

    ChannelCommandSender(CommandGateway commands) {
        this.commands = new RetryingCommandSender(commands, ATTEMPTS);
    }

    <R> R send(ChannelCommand command, Principal principal, Class<R> resultType) {
        return commands.send(
                command,
                EventContext.of(principal),
                resultType,
                () -> DomainException.notFound("Channel not found"),
                "The channel was changed concurrently; try again");
    }
}
