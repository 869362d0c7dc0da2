package dev.ledgerloop.command.webhook;

import dev.ledgerloop.service.events.RetryingCommandSender;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

/** Sends endpoint commands; a concurrent change reloads and tries again a few times, then answers 409. */
@Component
public class WebhookCommandSender {
    static final int ATTEMPTS = 5;

    private final RetryingCommandSender commands;

    WebhookCommandSender(CommandGateway commands) {
        this.commands = new RetryingCommandSender(commands, ATTEMPTS);
    }

    public <R> R send(Object command, java.util.UUID webhookId, MetaData context, Class<R> resultType) {
        return commands.send(
                command,
                context,
                resultType,
                () -> new WebhookNotFoundException(webhookId),
                "The webhook was changed concurrently; try again");
    }
}
