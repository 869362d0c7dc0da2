package dev.ledgerloop.command.delivery.dispatch;

import dev.ledgerloop.events.fixtures.Envelopes;
import dev.ledgerloop.events.fixtures.SessionEvents;
import dev.ledgerloop.events.invocation.InvocationExpired;
import dev.ledgerloop.events.invocation.InvocationRequested;
import dev.ledgerloop.events.session.SessionOpened;
import dev.ledgerloop.events.webhook.WebhookEndpointCreated;
import dev.ledgerloop.events.webhook.WebhookEndpointDeleted;
import dev.ledgerloop.events.webhook.WebhookEndpointDisabled;
import dev.ledgerloop.events.webhook.WebhookEndpointEnabled;
import dev.ledgerloop.events.webhook.WebhookEndpointUpdated;
import dev.ledgerloop.eventstore.UnreadableEvent;
import dev.ledgerloop.service.events.EventContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

/** The events of one space as the log holds them: numbered within their aggregate, the space in their metadata. */
final class SpaceEvents {
    final UUID spaceId = UUID.randomUUID();
    private final Map<UUID, Long> sequences = new HashMap<>();

    EventMessage<?> endpointCreated(UUID webhookId, List<String> eventTypes, List<UUID> agentIds, boolean enabled) {
        return next(
                "Webhook",
                webhookId,
                new WebhookEndpointCreated(
                        webhookId, "https://example.com/hook", eventTypes, agentIds, enabled, "whsec_test", null));
    }

    EventMessage<?> endpointUpdated(UUID webhookId, List<String> eventTypes) {
        return next(
                "Webhook",
                webhookId,
                new WebhookEndpointUpdated(webhookId, "https://example.com/hook", eventTypes, List.of()));
    }

    EventMessage<?> endpointDisabled(UUID webhookId) {
        return next("Webhook", webhookId, new WebhookEndpointDisabled(webhookId, "by the owner"));
    }

    EventMessage<?> endpointEnabled(UUID webhookId) {
        return next("Webhook", webhookId, new WebhookEndpointEnabled(webhookId));
    }

    EventMessage<?> endpointDeleted(UUID webhookId) {
        return next("Webhook", webhookId, new WebhookEndpointDeleted(webhookId));
    }

    /** An event of the aggregate that cannot be decoded (the codec's stand-in for it). */
    EventMessage<?> unreadable(UUID aggregateId) {
        return next(
                "Webhook",
                aggregateId,
                new UnreadableEvent(
                        "webhook-" + aggregateId, 0, UUID.randomUUID().toString(), "Unknown", "test"));
    }

    EventMessage<?> sessionOpened(UUID sessionId, UUID agentId) {
        return next("Session", sessionId, new SessionOpened(sessionId, agentId, Envelopes.envelope(), true, 5));
    }

    EventMessage<?> messageSent(UUID sessionId) {
        return next("Session", sessionId, SessionEvents.aMessageSent(sessionId).build());
    }

    EventMessage<?> invocationRequested(UUID invocationId, UUID agentId) {
        return next(
                "Invocation", invocationId, new InvocationRequested(invocationId, agentId, "ping", null, null, "ada"));
    }

    EventMessage<?> invocationExpired(UUID invocationId) {
        return next("Invocation", invocationId, new InvocationExpired(invocationId));
    }

    private EventMessage<?> next(String aggregateType, UUID aggregateId, Object payload) {
        long sequence = sequences.merge(aggregateId, 0L, (last, ignored) -> last + 1);
        return new GenericDomainEventMessage<>(
                aggregateType,
                aggregateId.toString(),
                sequence,
                payload,
                MetaData.with(EventContext.SPACE_ID, spaceId.toString()));
    }
}
