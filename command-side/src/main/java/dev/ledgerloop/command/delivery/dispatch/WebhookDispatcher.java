package dev.ledgerloop.command.delivery.dispatch;

import com.mongodb.client.model.Updates;
import dev.ledgerloop.command.delivery.DeliveryCommand.CreateDelivery;
import dev.ledgerloop.events.crypto.SessionSealed;
import dev.ledgerloop.events.crypto.SessionSeals;
import dev.ledgerloop.events.crypto.StreamShreddedException;
import dev.ledgerloop.events.delivery.DeliverySeals;
import dev.ledgerloop.events.invocation.InvocationRequested;
import dev.ledgerloop.events.session.SessionOpened;
import dev.ledgerloop.events.webhook.WebhookEndpointCreated;
import dev.ledgerloop.events.webhook.WebhookEndpointDeleted;
import dev.ledgerloop.events.webhook.WebhookEndpointDisabled;
import dev.ledgerloop.events.webhook.WebhookEndpointEnabled;
import dev.ledgerloop.events.webhook.WebhookEndpointUpdated;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.notification.Notification;
import dev.ledgerloop.service.notification.NotificationPayloads;
import dev.ledgerloop.service.notification.Notifications;
import dev.ledgerloop.service.parking.ParksUnreadableEvents;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.MetaData;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Turns domain events into deliveries: maps each to its public webhook type, matches the space's active
 * endpoints and creates one delivery per (event, endpoint). The delivery id is derived from both, so a restart
 * creates nothing twice: the second creation conflicts on the stream and counts as done. A replay (the processor's
 * tokens reset) sends nothing: it rebuilds the routes, but matching old events against today's endpoints would
 * deliver events that happened before an endpoint existed.
 *
 * <p>One segment (command-side.yml): endpoint changes and the events after them are seen in log order.
 *
 * <p>The dispatcher is the processor furthest behind under load, bound by its MongoDB round trips, so it reads no more
 * than it must: the owner of a session or invocation mostly from memory ({@link RecordedOwners}), a space's routes
 * once per batch of events ({@link BatchRoutes}).
 *
 * <p>Each {@code CreateDelivery} runs in a unit of work of its own ({@link DeliveryCreations}), and the batch of events
 * waits for all its deliveries before it commits: they are in the log before the processor's token moves past their
 * events. Sent from the handler's thread a command would run nested in the batch's unit of work, whose commit stores
 * the processor's token first and appends the deliveries after it, so a crash between the two lost them for good.
 */
@Component
@ProcessingGroup(WebhookDispatcher.GROUP)
class WebhookDispatcher extends ParksUnreadableEvents {
    static final String GROUP = "webhook-dispatcher";
    static final String COMPONENT = "webhook-dispatcher";

    private final WebhookRoutes routes;
    private final BatchRoutes batchRoutes;
    private final RecordedOwners owners;
    private final DeliveryCreations creations;
    private final SessionSeals seals;
    private final Notifications notifications;

    WebhookDispatcher(
            WebhookRoutes routes,
            BatchRoutes batchRoutes,
            RecordedOwners owners,
            DeliveryCreations creations,
            SessionSeals seals) {
        this.routes = routes;
        this.batchRoutes = batchRoutes;
        this.owners = owners;
        this.creations = creations;
        this.seals = seals;
        this.notifications = new Notifications(seals);
    }

    @EventHandler
    void on(WebhookEndpointCreated event, MetaData metaData, @SequenceNumber long sequence) {
        routes.change(
                event.webhookId(),
                EventContext.spaceId(metaData),
                sequence,
                Updates.combine(scope(event.eventTypes(), event.agentIds()), Updates.set("active", event.enabled())));
    }

    @EventHandler
    void on(WebhookEndpointUpdated event, MetaData metaData, @SequenceNumber long sequence) {
        routes.change(
                event.webhookId(),
                EventContext.spaceId(metaData),
                sequence,
                scope(event.eventTypes(), event.agentIds()));
    }

    @EventHandler
    void on(WebhookEndpointEnabled event, MetaData metaData, @SequenceNumber long sequence) {
        routes.change(event.webhookId(), EventContext.spaceId(metaData), sequence, Updates.set("active", true));
    }

    @EventHandler
    void on(WebhookEndpointDisabled event, MetaData metaData, @SequenceNumber long sequence) {
        routes.change(event.webhookId(), EventContext.spaceId(metaData), sequence, Updates.set("active", false));
    }

    @EventHandler
    void on(WebhookEndpointDeleted event, MetaData metaData, @SequenceNumber long sequence) {
        routes.change(event.webhookId(), EventContext.spaceId(metaData), sequence, Updates.set("active", false));
    }

    @EventHandler
    void on(SessionOpened event, EventMessage<?> message, ReplayStatus replay) {
        owners.record(event);
        notify(message, replay);
    }

    @EventHandler
    void on(InvocationRequested event, EventMessage<?> message, ReplayStatus replay) {
        owners.record(event);
        notify(message, replay);
    }

    /**
     * Every other event: those with a public type ({@link Notifications}) go to the matching endpoints. Customers keep
     * copies of the checkpoints ({@code log.checkpoint}), which we then cannot rewrite (docs/verifiable-record.md).
     */
    @EventHandler
    void on(Object event, EventMessage<?> message, ReplayStatus replay) {
        notify(message, replay);
    }

    @ResetHandler
    void onReset() {
        owners.forget();
    }

    private void notify(EventMessage<?> message, ReplayStatus replay) {
        if (replay.isReplay()) {
            return;
        }
        notifications.of(message, owners).ifPresent(notification -> dispatch(message.getIdentifier(), notification));
    }

    private void dispatch(String eventId, Notification notification) {
        UUID spaceId = notification.spaceId();
        for (WebhookRoutes.Route route : batchRoutes.active(spaceId)) {
            if (!route.takes(notification)) {
                continue;
            }
            UUID deliveryId = deliveryId(eventId, route.webhookId());
            creations.create(
                    delivery(
                            spaceId,
                            deliveryId,
                            route.webhookId(),
                            notification.agentId(),
                            eventId,
                            notification.type(),
                            notification.body(deliveryId),
                            notification.sessionId()),
                    spaceId);
        }
        creations.settled(eventId);
    }

    /**
     * The body of a delivery about a session is sealed under the session's key, so that shredding the session erases
     * the delivery's copy too. A session shredded since its event was read gets the erased body.
     */
    private CreateDelivery delivery(
            UUID spaceId,
            UUID deliveryId,
            UUID webhookId,
            UUID agentId,
            String eventId,
            String type,
            String body,
            UUID sessionId) {
        if (sessionId == null) {
            return new CreateDelivery(deliveryId, webhookId, agentId, eventId, type, body, null, null);
        }
        try {
            SessionSealed sealed = seals.seal(spaceId, sessionId, DeliverySeals.payloadAt(deliveryId), body);
            return new CreateDelivery(deliveryId, webhookId, agentId, eventId, type, null, sessionId, sealed);
        } catch (StreamShreddedException shredded) {
            return new CreateDelivery(
                    deliveryId,
                    webhookId,
                    agentId,
                    eventId,
                    type,
                    NotificationPayloads.erased(body, sessionId),
                    sessionId,
                    null);
        }
    }

    /** What an endpoint takes: its event type patterns and the agents it is scoped to. */
    private static Bson scope(List<String> eventTypes, List<UUID> agentIds) {
        return Updates.combine(
                Updates.set("eventTypes", eventTypes),
                Updates.set("agentIds", agentIds.stream().map(UUID::toString).toList()));
    }

    /** A name-based UUID of the event and the endpoint: the same pair always gives the same delivery. */
    static UUID deliveryId(String eventId, UUID webhookId) {
        return UUID.nameUUIDFromBytes((eventId + "/" + webhookId).getBytes(StandardCharsets.UTF_8));
    }
}
