package dev.ledgerloop.command.webhook;

import dev.ledgerloop.service.domain.DomainException;
import java.util.UUID;

/** No such endpoint for the caller: it does not exist, was deleted, or is another space's. */
class WebhookNotFoundException extends DomainException {
    WebhookNotFoundException(UUID webhookId) {
        super(Kind.NOT_FOUND, "Webhook " + webhookId + " not found");
    }
}
