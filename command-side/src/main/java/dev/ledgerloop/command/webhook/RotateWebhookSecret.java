package dev.ledgerloop.command.webhook;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace the signing secret; the current one keeps signing until {@code previousValidUntil}. */
record RotateWebhookSecret(@TargetAggregateIdentifier UUID webhookId, String secret, Instant previousValidUntil) {}
