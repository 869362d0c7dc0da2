package dev.ledgerloop.command.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What may be asked of a {@link WebhookEndpoint}. */
public sealed interface WebhookEndpointCommand {
    /** Register an endpoint in the sender's space, with the secret generated for it. */
    record CreateWebhookEndpoint(
            UUID webhookId,
            String url,
            List<String> eventTypes,
            List<UUID> agentIds,
            boolean enabled,
            String secret,
            String authToken)
            implements WebhookEndpointCommand {}

    /** Change an endpoint; a null field stays as it is. */
    record UpdateWebhookEndpoint(
            @TargetAggregateIdentifier UUID webhookId,
            String url,
            List<String> eventTypes,
            List<UUID> agentIds,
            Boolean enabled)
            implements WebhookEndpointCommand {}

    /** Delete an endpoint for good. */
    record DeleteWebhookEndpoint(@TargetAggregateIdentifier UUID webhookId) implements WebhookEndpointCommand {}

    /** The system disables an endpoint that is gone or keeps failing; nothing happens if it is disabled already. */
    record DisableWebhookEndpoint(@TargetAggregateIdentifier UUID webhookId, String reason)
            implements WebhookEndpointCommand {}

    /** Replace the signing secret; the current one keeps signing until {@code previousValidUntil}. */
    record RotateWebhookSecret(@TargetAggregateIdentifier UUID webhookId, String secret, Instant previousValidUntil)
            implements WebhookEndpointCommand {}

    /** Read what the sender needs (target, secrets valid at {@code now}, token) from the aggregate; changes nothing. */
    record DescribeWebhookEndpoint(
            @TargetAggregateIdentifier UUID webhookId, Instant now) implements WebhookEndpointCommand {}
}
