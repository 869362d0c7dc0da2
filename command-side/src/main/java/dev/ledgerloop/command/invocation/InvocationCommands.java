package dev.ledgerloop.command.invocation;

import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.events.EventContext;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

/**
 * Sends invocation commands on behalf of a principal; an unknown invocation answers 404, and a concurrent change is
 * retried a few times on a fresh load, then answers 409 (DESIGN §3).
 */
@Component
class InvocationCommands {
    static final int ATTEMPTS = 5;

    private final CommandGateway commands;

    InvocationCommands(CommandGateway commands) {
        this.commands = commands;
    }

    InvocationResource send(UUID invocationId, Object command, Principal principal) {
        for (int attempt = 1; ; attempt++) {
            try {
                return (InvocationResource) commands.sendAndWait(command, EventContext.of(principal));
            } catch (AggregateNotFoundException e) {
                throw ApiException.notFound("Invocation " + invocationId + " not found");
            } catch (ConcurrencyException e) {
                if (attempt == ATTEMPTS) {
                    throw ApiException.conflict("The invocation was changed concurrently; try again");
                }
            }
        }
    }
}
