package dev.ledgerloop.command.session;

import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.events.RetryingCommandSender;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

/**
 * Sends session commands on behalf of a principal. A concurrent change to the same session (another instance
 * appended first) reloads the session and tries again a few times, then answers 409.
 */
@Component
class SessionCommandSender {
    static final int ATTEMPTS = 5;

    private final RetryingCommandSender commands;

    SessionCommandSender(CommandGateway commands) {
        this.commands = new RetryingCommandSender(commands, ATTEMPTS);
    }

    <R> R send(SessionCommand command, Principal principal, Class<R> resultType) {
        return send(command, EventContext.of(principal), resultType);
    }

    /** With the metadata of a command the system sends on its own ({@code EventContext.system}). */
    <R> R send(SessionCommand command, MetaData context, Class<R> resultType) {
        return commands.send(
                command,
                context,
                resultType,
                () -> new SessionNotFoundException(command.sessionId()),
                "The session was changed concurrently; try again");
    }
}
