package dev.ledgerloop.command.webhook;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

/** Sends endpoint commands; a concurrent change reloads and tries again a few times, then answers 409. */
@Component
public class WebhookCommands {
    static final int ATTEMPTS = 5;

    private final CommandGateway commands;

    WebhookCommands(CommandGateway commands) {
        this.commands = commands;
    }

    public <R> R send(Object command, java.util.UUID webhookId, MetaData context, Class<R> resultType) {
        for (int attempt = 1; ; attempt++) {
            try {
                return resultType.cast(commands.sendAndWait(command, context));
            } catch (AggregateNotFoundException e) {
                throw new WebhookNotFoundException(webhookId);
            } catch (ConcurrencyException e) {
                if (attempt == ATTEMPTS) {
                    throw dev.ledgerloop.service.ApiException.conflict(
                            "The webhook was changed concurrently; try again");
                }
            }
        }
    }
}
