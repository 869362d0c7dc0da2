package dev.ledgerloop.command.webhook;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Read what the sender needs (target, secrets valid at {@code now}, token) from the aggregate; changes nothing. */
public record DescribeWebhookEndpoint(
        @TargetAggregateIdentifier UUID webhookId, Instant now) {}
