package dev.ledgerloop.command.webhook;

import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.service.ApiException;
import java.util.UUID;

/** No such endpoint for the caller: it does not exist, was deleted, or is another space's. */
class WebhookNotFoundException extends ApiException {
    WebhookNotFoundException(UUID webhookId) {
        super(ErrorCode.NOT_FOUND, "Webhook " + webhookId + " not found");
    }
}
