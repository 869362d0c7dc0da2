package dev.ledgerloop.command.webhook;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete an endpoint for good. */
record DeleteWebhookEndpoint(@TargetAggregateIdentifier UUID webhookId) {}
