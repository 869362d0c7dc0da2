package dev.ledgerloop.service.events;

import dev.ledgerloop.service.domain.DomainException;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Sends a command to an aggregate and waits for its answer: when another instance changed the aggregate first (the
 * append met another revision), the command runs again on a fresh load, a bounded number of times, then is refused
 * as a conflict. An aggregate that does not exist answers what the caller says (usually not found).
 */
public final class RetryingCommandSender {
    private final CommandGateway commands;
    private final int attempts;

    public RetryingCommandSender(CommandGateway commands, int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        this.commands = commands;
        this.attempts = attempts;
    }

    /**
     * @param notFound what to throw when the aggregate does not exist
     * @param conflict the conflict's message once every attempt met a concurrent change
     */
    public <R> R send(
            Object command,
            MetaData context,
            Class<R> resultType,
            Supplier<? extends RuntimeException> notFound,
            String conflict) {
        for (int attempt = 1; ; attempt++) {
            try {
                return resultType.cast(commands.sendAndWait(command, context));
            } catch (AggregateNotFoundException e) {
                throw notFound.get();
            } catch (ConcurrencyException e) {
                if (attempt == attempts) {
                    throw DomainException.conflict(conflict);
                }
            }
        }
    }
}
