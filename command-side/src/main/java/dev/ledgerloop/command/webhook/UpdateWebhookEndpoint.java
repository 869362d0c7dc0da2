package dev.ledgerloop.command.webhook;

import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Change an endpoint; a null field stays as it is. */
record UpdateWebhookEndpoint(
        @TargetAggregateIdentifier UUID webhookId,
        String url,
        List<String> eventTypes,
        List<UUID> agentIds,
        Boolean enabled) {}
