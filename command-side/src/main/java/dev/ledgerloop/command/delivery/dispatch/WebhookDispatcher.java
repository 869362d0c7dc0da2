package dev.ledgerloop.command.delivery.dispatch;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import dev.ledgerloop.command.delivery.DeliveryCommand.CreateDelivery;
import dev.ledgerloop.events.crypto.SessionSealed;
import dev.ledgerloop.events.crypto.SessionSeals;
import dev.ledgerloop.events.crypto.StreamShreddedException;
import dev.ledgerloop.events.delivery.DeliverySeals;
import dev.ledgerloop.events.invocation.InvocationCancelled;
import dev.ledgerloop.events.invocation.InvocationCompleted;
import dev.ledgerloop.events.invocation.InvocationContent;
import dev.ledgerloop.events.invocation.InvocationFailed;
import dev.ledgerloop.events.invocation.InvocationRequested;
import dev.ledgerloop.events.log.CheckpointRecorded;
import dev.ledgerloop.events.session.AttachmentUploaded;
import dev.ledgerloop.events.session.InteractionAcknowledged;
import dev.ledgerloop.events.session.InteractionCancelled;
import dev.ledgerloop.events.session.MessageDeleted;
import dev.ledgerloop.events.session.MessageEdited;
import dev.ledgerloop.events.session.MessageExpired;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.ParticipantAdded;
import dev.ledgerloop.events.session.ParticipantRemoved;
import dev.ledgerloop.events.session.ParticipantRoleChanged;
import dev.ledgerloop.events.session.ResponseSubmitted;
import dev.ledgerloop.events.session.SessionArchived;
import dev.ledgerloop.events.session.SessionClosed;
import dev.ledgerloop.events.session.SessionOpened;
import dev.ledgerloop.events.webhook.WebhookEndpointCreated;
import dev.ledgerloop.events.webhook.WebhookEndpointDeleted;
import dev.ledgerloop.events.webhook.WebhookEndpointDisabled;
import dev.ledgerloop.events.webhook.WebhookEndpointEnabled;
import dev.ledgerloop.events.webhook.WebhookEndpointUpdated;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.mongo.GuardedWrites;
import dev.ledgerloop.service.parking.ParksUnreadableEvents;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
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
 * <p>Each {@code CreateDelivery} runs in a unit of work of its own, on the dispatcher's {@code webhook-dispatch}
 * thread, and the handler waits for it: its delivery is in the log before the handler returns. Sent from the
 * handler's thread it would run nested in the batch's unit of work, whose commit stores the processor's token
 * first and appends the deliveries after it, so a crash between the two lost them for good.
 */
@Component
@ProcessingGroup(WebhookDispatcher.GROUP)
class WebhookDispatcher extends ParksUnreadableEvents {
    static final String GROUP = "webhook-dispatcher";
    static final String COMPONENT = "webhook-dispatcher";

    /** Longer than any append takes; a miss fails the batch, which the processor retries. */
    private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(30);

    private final WebhookRoutes routes;
    private final MongoCollection<Document> sessionAgents;
    private final MongoCollection<Document> invocationAgents;
    private final CommandGateway commands;
    private final SessionSeals seals;
    private final ExecutorService creator = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "webhook-dispatch");
        thread.setDaemon(true);
        return thread;
    });

    WebhookDispatcher(WebhookRoutes routes, MongoDatabase database, CommandGateway commands, SessionSeals seals) {
        this.routes = routes;
        this.sessionAgents = database.getCollection("webhook_session_agents");
        this.invocationAgents = database.getCollection("webhook_invocation_agents");
        this.commands = commands;
        this.seals = seals;
    }

    @PreDestroy
    void stop() {
        creator.shutdownNow();
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
    void on(SessionOpened event, EventMessage<?> message, @Timestamp Instant at, ReplayStatus replay) {
        UUID spaceId = EventContext.spaceId(message.getMetaData());
        GuardedWrites.insertOnce(
                sessionAgents,
                new Document("_id", event.sessionId().toString())
                        .append("agentId", event.agentId().toString()));
        if (replay.isReplay()) {
            return;
        }
        dispatch(
                spaceId,
                message.getIdentifier(),
                "session.created",
                event.agentId(),
                at,
                WebhookPayloads.sessionCreated(event, at),
                event.sessionId());
    }

    @EventHandler
    void on(MessageSent event, EventMessage<?> message, @Timestamp Instant at, ReplayStatus replay) {
        aboutSession(
                event.sessionId(),
                "session.message.new",
                message,
                at,
                replay,
                agentId -> WebhookPayloads.messageNew(event, agentId, at));
    }

    @EventHandler
    void on(ResponseSubmitted event, EventMessage<?> message, @Timestamp Instant at, ReplayStatus replay) {
        aboutSession(
                event.sessionId(),
                "session.message.responded",
                message,
                at,
                replay,
                agentId -> WebhookPayloads.messageResponded(event, agentId, at));
    }

    @EventHandler
    void on(MessageEdited event, EventMessage<?> message, @Timestamp Instant at, ReplayStatus replay) {
        aboutSession(
                event.sessionId(),
                "session.message.edited",
                message,
                at,
                replay,
                agentId -> WebhookPayloads.messageEdited(event, agentId));
    }

    @EventHandler
    void on(MessageDeleted event, EventMessage<?> message, @Timestamp Instant at, ReplayStatus replay) {
        aboutMessage(event.sessionId(), event.messageId(), "session.message.deleted", message, at, replay);
    }

    @EventHandler
    void on(MessageExpired event, EventMessage<?> message, @Timestamp Instant at, ReplayStatus replay) {
        aboutMessage(event.sessionId(), event.messageId(), "session.message.expired", message, at, replay);
    }

    @EventHandler
    void on(InteractionCancelled event, EventMessage<?> message, @Timestamp Instant at, ReplayStatus replay) {
        aboutMessage(event.sessionId(), event.messageId(), "session.message.cancelled", message, at, replay);
    }

    @EventHandler
    void on(InteractionAcknowledged event, EventMessage<?> message, @Timestamp Instant at, ReplayStatus replay) {
        aboutMessage(event.sessionId(), event.messageId(), "session.message.acknowledged", message, at, replay);
    }

    @EventHandler
    void on(ParticipantAdded event, EventMessage<?> message, @Timestamp Instant at, ReplayStatus replay) {
        aboutSession(
                event.sessionId(),
                "participant.added",
                message,
                at,
                replay,
                agentId -> WebhookPayloads.participant(event.sessionId(), agentId, event.userId(), event.role()));
    }

    @EventHandler
    void on(ParticipantRoleChanged event, EventMessage<?> message, @Timestamp Instant at, ReplayStatus replay) {
        aboutSession(
                event.sessionId(),
                "participant.role_changed",
                message,
                at,
                replay,
                agentId -> WebhookPayloads.participant(event.sessionId(), agentId, event.userId(), event.role()));
    }

    @EventHandler
    void on(ParticipantRemoved event, EventMessage<?> message, @Timestamp Instant at, ReplayStatus replay) {
        aboutSession(
                event.sessionId(),
                "participant.removed",
                message,
                at,
                replay,
                agentId -> WebhookPayloads.participant(event.sessionId(), agentId, event.userId(), null));
    }

    @EventHandler
    void on(AttachmentUploaded event, EventMessage<?> message, @Timestamp Instant at, ReplayStatus replay) {
        aboutSession(
                event.sessionId(),
                "session.attachment.uploaded",
                message,
                at,
                replay,
                agentId -> WebhookPayloads.attachmentUploaded(event, agentId, at));
    }

    @EventHandler
    void on(SessionClosed event, EventMessage<?> message, @Timestamp Instant at, ReplayStatus replay) {
        aboutSession(
                event.sessionId(),
                "session.closed",
                message,
                at,
                replay,
                agentId -> WebhookPayloads.aboutSession(event.sessionId(), agentId));
    }

    @EventHandler
    void on(SessionArchived event, EventMessage<?> message, @Timestamp Instant at, ReplayStatus replay) {
        aboutSession(
                event.sessionId(),
                "session.archived",
                message,
                at,
                replay,
                agentId -> WebhookPayloads.aboutSession(event.sessionId(), agentId));
    }

    @EventHandler
    void on(InvocationRequested event, EventMessage<?> message, @Timestamp Instant at, ReplayStatus replay) {
        Document invocation = new Document("_id", event.invocationId().toString())
                .append("agentId", event.agentId().toString());
        if (event.sessionId() != null) {
            invocation.append("sessionId", event.sessionId().toString());
        }
        GuardedWrites.insertOnce(invocationAgents, invocation);
        if (replay.isReplay()) {
            return;
        }
        UUID spaceId = EventContext.spaceId(message.getMetaData());
        InvocationContent.Arguments arguments = event.sealedArguments() == null
                ? new InvocationContent.Arguments(event.encryptedArguments(), event.arguments())
                : InvocationContent.openArguments(
                                seals, spaceId, event.sessionId(), event.invocationId(), event.sealedArguments())
                        .orElse(new InvocationContent.Arguments(null, null));
        dispatch(
                spaceId,
                message.getIdentifier(),
                "invocation.requested",
                event.agentId(),
                at,
                WebhookPayloads.invocationRequested(event, arguments, at),
                event.sessionId());
    }

    @EventHandler
    void on(InvocationCompleted event, EventMessage<?> message, @Timestamp Instant at, ReplayStatus replay) {
        aboutInvocation(event.invocationId(), "invocation.completed", message, at, replay, (data, in) -> {
            data.put(
                    "encryptedResult",
                    event.sealedResult() == null
                            ? event.encryptedResult()
                            : InvocationContent.openResult(
                                            seals,
                                            in.spaceId(),
                                            in.sessionId(),
                                            event.invocationId(),
                                            event.sealedResult())
                                    .orElse(null));
        });
    }

    @EventHandler
    void on(InvocationFailed event, EventMessage<?> message, @Timestamp Instant at, ReplayStatus replay) {
        aboutInvocation(event.invocationId(), "invocation.failed", message, at, replay, (data, in) -> {
            data.put(
                    "error",
                    event.sealedError() == null
                            ? event.error()
                            : InvocationContent.openError(
                                            seals,
                                            in.spaceId(),
                                            in.sessionId(),
                                            event.invocationId(),
                                            event.sealedError())
                                    .orElse(null));
        });
    }

    @EventHandler
    void on(InvocationCancelled event, EventMessage<?> message, @Timestamp Instant at, ReplayStatus replay) {
        aboutInvocation(
                event.invocationId(),
                "invocation.cancelled",
                message,
                at,
                replay,
                (data, in) -> data.put("cancelledBy", event.cancelledBy()));
    }

    /** Dispatches an event of a session to the endpoints of the session's agent, unless the log is being replayed. */
    private void aboutSession(
            UUID sessionId,
            String type,
            EventMessage<?> message,
            Instant at,
            ReplayStatus replay,
            Function<UUID, Map<String, Object>> data) {
        UUID agentId = agentOf(sessionId);
        if (replay.isReplay()) {
            return;
        }
        dispatch(
                EventContext.spaceId(message.getMetaData()),
                message.getIdentifier(),
                type,
                agentId,
                at,
                data.apply(agentId),
                sessionId);
    }

    private void aboutMessage(
            UUID sessionId, UUID messageId, String type, EventMessage<?> message, Instant at, ReplayStatus replay) {
        aboutSession(
                sessionId,
                type,
                message,
                at,
                replay,
                agentId -> WebhookPayloads.aboutMessage(sessionId, agentId, messageId));
    }

    /** Where an invocation was made: its space and, when made in a session, the session (null otherwise). */
    private record InvocationPlace(UUID spaceId, UUID sessionId) {}

    /**
     * Dispatches a later event of an invocation to its agent's endpoints; one made in a session is sent sealed under
     * the session's key, as the session's own events are.
     */
    private void aboutInvocation(
            UUID invocationId,
            String type,
            EventMessage<?> message,
            Instant at,
            ReplayStatus replay,
            BiConsumer<Map<String, Object>, InvocationPlace> more) {
        if (replay.isReplay()) {
            return;
        }
        Document invocation = invocationAgents
                .find(new Document("_id", invocationId.toString()))
                .first();
        UUID agentId = invocation == null ? null : UUID.fromString(invocation.getString("agentId"));
        String session = invocation == null ? null : invocation.getString("sessionId");
        InvocationPlace place = new InvocationPlace(
                EventContext.spaceId(message.getMetaData()), session == null ? null : UUID.fromString(session));
        Map<String, Object> data = WebhookPayloads.aboutInvocation(invocationId, agentId, place.sessionId());
        more.accept(data, place);
        dispatch(place.spaceId(), message.getIdentifier(), type, agentId, at, data, place.sessionId());
    }

    /** Customers keep copies of the checkpoints, which we then cannot rewrite (docs/verifiable-record.md). */
    @EventHandler
    void on(CheckpointRecorded event, EventMessage<?> message, @Timestamp Instant at, ReplayStatus replay) {
        if (replay.isReplay()) {
            return;
        }
        dispatch(
                event.spaceId(),
                message.getIdentifier(),
                "log.checkpoint",
                null,
                at,
                WebhookPayloads.logCheckpoint(event),
                null);
    }

    private void dispatch(
            UUID spaceId,
            String eventId,
            String type,
            UUID agentId,
            Instant at,
            Map<String, Object> data,
            UUID sessionId) {
        for (WebhookRoutes.Route route : routes.active(spaceId)) {
            if (!route.takes(type, agentId)) {
                continue;
            }
            UUID deliveryId = deliveryId(eventId, route.webhookId());
            String body = WebhookPayloads.body(deliveryId, type, at, data);
            create(delivery(spaceId, deliveryId, route.webhookId(), agentId, eventId, type, body, sessionId), spaceId);
        }
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
                    WebhookPayloads.erased(body, sessionId),
                    sessionId,
                    null);
        }
    }

    /** Creates the delivery in a unit of work of its own and returns once it is in the log (see the class comment). */
    private void create(CreateDelivery command, UUID spaceId) {
        Future<Object> created =
                creator.submit(() -> commands.sendAndWait(command, EventContext.system(spaceId, COMPONENT)));
        try {
            created.get(CREATE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof ConcurrencyException)) {
                throw new IllegalStateException("Creating delivery " + command.deliveryId() + " failed", e.getCause());
            }
            // Created before this replay or restart: exactly one delivery per (event, endpoint).
        } catch (TimeoutException e) {
            created.cancel(true);
            throw new IllegalStateException(
                    "Creating delivery " + command.deliveryId() + " took longer than " + CREATE_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating delivery " + command.deliveryId(), e);
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

    private UUID agentOf(UUID sessionId) {
        Document session =
                sessionAgents.find(new Document("_id", sessionId.toString())).first();
        return session == null ? null : UUID.fromString(session.getString("agentId"));
    }
}
