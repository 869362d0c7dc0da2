package dev.ledgerloop.command.webhook;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The system disables an endpoint that is gone or keeps failing; nothing happens if it is disabled already. */
public record DisableWebhookEndpoint(
        @TargetAggregateIdentifier UUID webhookId, String reason) {}
