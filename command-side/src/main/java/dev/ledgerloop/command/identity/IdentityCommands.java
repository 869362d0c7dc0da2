package dev.ledgerloop.command.identity;

import dev.ledgerloop.service.ApiException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

/**
 * Sends agent and key commands. Two first uses of the same new agent name at once both try to register it: the
 * loser's append fails on the expected revision, and the retry finds it registered (no second event).
 */
@Component
class IdentityCommands {
    private static final int ATTEMPTS = 3;

    private final CommandGateway commands;

    IdentityCommands(CommandGateway commands) {
        this.commands = commands;
    }

    <R> R send(Object command, MetaData context, Class<R> resultType, String notFound) {
        for (int attempt = 1; ; attempt++) {
            try {
                return resultType.cast(commands.sendAndWait(command, context));
            } catch (AggregateNotFoundException e) {
                throw ApiException.notFound(notFound);
            } catch (ConcurrencyException e) {
                if (attempt == ATTEMPTS) {
                    throw ApiException.conflict("Changed concurrently; try again");
                }
            }
        }
    }
}
