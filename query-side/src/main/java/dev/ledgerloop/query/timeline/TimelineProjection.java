package dev.ledgerloop.query.timeline;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import dev.ledgerloop.events.session.DecisionSignature;
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
import dev.ledgerloop.query.Envelopes;
import dev.ledgerloop.query.Views;
import dev.ledgerloop.query.projection.BatchEndWrites;
import dev.ledgerloop.query.projection.PendingInserts;
import dev.ledgerloop.query.projection.Projection;
import dev.ledgerloop.query.shredding.ErasedSession;
import dev.ledgerloop.query.shredding.ErasesShreddedSessions;
import dev.ledgerloop.query.shredding.Erasure;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.mongo.GuardedWrites;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * The {@code timeline} view (docs/architecture.md §Query side): one document per item of a session, ordered by the
 * session's event sequence. Messages are items of kind {@code message} (edited in place, keeping {@code editedAt};
 * deleted ones stay as tombstones with {@code deletedAt} and no content), answers are items of kind {@code response},
 * lifecycle changes items of kind {@code system}. Item updates are guarded by the sequence of the event that made them.
 */
@Component
@ProcessingGroup(TimelineProjection.GROUP)
class TimelineProjection extends ErasesShreddedSessions implements Projection {
    static final String GROUP = "timeline";
    static final String COLLECTION = "timeline";
    static final Instant NO_DEADLINE = Instant.parse("9999-12-31T23:59:59Z");
    /** A batch's messages are inserted together, before any update of a message and at the batch's end. */
    private static final String MESSAGES_SENT = TimelineProjection.class.getName() + ".messagesSent";

    private final MongoCollection<Document> items;
    private final ResponseWaiters waiters;
    private final ErasedSession erased;

    TimelineProjection(MongoDatabase database, ResponseWaiters waiters, ErasedSession erased) {
        this.items = database.getCollection(COLLECTION);
        this.waiters = waiters;
        this.erased = erased;
        items.createIndex(Indexes.ascending("sessionId", "sequence"));
        // A message's answer is found by the message's id alone (every await that returns one).
        items.createIndex(Indexes.ascending("messageId"));
    }

    @Override
    public String name() {
        return GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    @Override
    public Object writingTo(MongoDatabase database) {
        return new TimelineProjection(database, new ResponseWaiters(), erased);
    }

    @Override
    public List<MessageHandlerInterceptor<EventMessage<?>>> batchInterceptors() {
        return List.of(BatchEndWrites.INTERCEPTOR);
    }

    /** Static: Axon's configuration is built before the projection's bean. */
    @Bean
    static ConfigurerModule messagesInsertedPerBatch() {
        return BatchEndWrites.onProcessor(GROUP);
    }

    @EventHandler
    void on(MessageSent event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        PendingInserts.insertOnce(
                MESSAGES_SENT,
                items,
                item(event.messageId().toString(), event.sessionId(), TimelineItems.MESSAGE, metaData, sequence, at)
                        .append("senderType", event.senderType().name())
                        .append("senderAgentId", text(event.senderAgentId()))
                        .append("senderUserId", event.senderUserId())
                        .append("encryptedContent", Envelopes.document(event.encryptedContent()))
                        .append("encryptedComponents", Envelopes.document(event.encryptedComponents()))
                        .append("responseRequired", event.responseRequired())
                        .append("status", event.responseRequired() ? "Pending" : "Completed")
                        .append("answered", false)
                        .append("priority", event.priority().name())
                        .append("priorityRank", event.priority().ordinal())
                        .append("deadlineAt", Views.date(event.deadlineAt()))
                        // The feed orders by deadline with none last; MongoDB sorts nulls first.
                        .append(
                                "deadlineSort",
                                Views.date(event.deadlineAt() == null ? NO_DEADLINE : event.deadlineAt()))
                        .append("referenceId", event.referenceId())
                        .append("editedAt", null)
                        .append("deletedAt", null)
                        .append(GuardedWrites.VERSION, sequence));
    }

    @EventHandler
    void on(MessageEdited event, @SequenceNumber long sequence, @Timestamp Instant at) {
        updateMessage(
                event.messageId(),
                sequence,
                combine(
                        set("encryptedContent", Envelopes.document(event.encryptedContent())),
                        set("encryptedComponents", Envelopes.document(event.encryptedComponents())),
                        set("editedAt", Views.date(at))));
    }

    @EventHandler
    void on(MessageDeleted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        updateMessage(
                event.messageId(),
                sequence,
                combine(
                        set("encryptedContent", null),
                        set("encryptedComponents", null),
                        set("deletedAt", Views.date(at))));
    }

    @EventHandler
    void on(ResponseSubmitted event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        GuardedWrites.insertOnce(items, responseItem(event, metaData, sequence, at));
        updateMessage(event.messageId(), sequence, set("answered", true));
        waiters.responded(event.sessionId());
    }

    /** The answer's item as this view stores it; an await read from the log's tail answers the same document. */
    static Document responseItem(ResponseSubmitted event, MetaData metaData, long sequence, Instant at) {
        return item(event.responseId().toString(), event.sessionId(), TimelineItems.RESPONSE, metaData, sequence, at)
                .append("messageId", event.messageId().toString())
                .append("userId", event.userId())
                .append("encryptedResponse", Envelopes.document(event.encryptedResponse()))
                .append("signature", signature(event.signature()));
    }

    // A changed status wakes the waiters too: the legacy interaction await waits for its request to leave Pending.
    @EventHandler
    void on(InteractionAcknowledged event, @SequenceNumber long sequence) {
        updateMessage(event.messageId(), sequence, set("status", "Completed"));
        waiters.responded(event.sessionId());
    }

    @EventHandler
    void on(InteractionCancelled event, @SequenceNumber long sequence) {
        updateMessage(event.messageId(), sequence, set("status", "Cancelled"));
        waiters.responded(event.sessionId());
    }

    @EventHandler
    void on(MessageExpired event, @SequenceNumber long sequence) {
        updateMessage(event.messageId(), sequence, set("status", "Expired"));
        waiters.responded(event.sessionId());
    }

    @EventHandler
    void on(ParticipantAdded event, DomainEventMessage<?> message) {
        GuardedWrites.insertOnce(
                items,
                system(message, event.sessionId(), "participant.added")
                        .append("userId", event.userId())
                        .append("role", event.role().name()));
    }

    @EventHandler
    void on(ParticipantRoleChanged event, DomainEventMessage<?> message) {
        GuardedWrites.insertOnce(
                items,
                system(message, event.sessionId(), "participant.role_changed")
                        .append("userId", event.userId())
                        .append("role", event.role().name()));
    }

    @EventHandler
    void on(ParticipantRemoved event, DomainEventMessage<?> message) {
        GuardedWrites.insertOnce(
                items, system(message, event.sessionId(), "participant.removed").append("userId", event.userId()));
    }

    @EventHandler
    void on(SessionClosed event, DomainEventMessage<?> message) {
        GuardedWrites.insertOnce(items, system(message, event.sessionId(), "session.closed"));
    }

    @EventHandler
    void on(SessionArchived event, DomainEventMessage<?> message) {
        GuardedWrites.insertOnce(items, system(message, event.sessionId(), "session.archived"));
    }

    /**
     * The session was shredded: its items are written again from the clear part of its records, one per
     * message, answer and lifecycle change, marked erased and without content (docs/replay.md §Shredded streams).
     */
    @Override
    protected void erase(UUID sessionId) {
        PendingInserts.writeGathered(MESSAGES_SENT);
        items.deleteMany(eq("sessionId", sessionId.toString()));
        List<Document> erasedItems = new ArrayList<>();
        for (ErasedSession.Record record : erased.records(sessionId)) {
            String kind =
                    switch (record.type()) {
                        case "MessageSent" -> TimelineItems.MESSAGE;
                        case "ResponseSubmitted" -> TimelineItems.RESPONSE;
                        default -> Erasure.SYSTEM_EVENTS.containsKey(record.type()) ? TimelineItems.SYSTEM : null;
                    };
            if (kind == null) {
                continue;
            }
            erasedItems.add(new Document("_id", record.eventId())
                    .append("sessionId", sessionId.toString())
                    .append("spaceId", record.spaceId())
                    .append("kind", kind)
                    .append("sequence", record.revision())
                    .append("createdAt", Views.date(record.occurredAt()))
                    .append("event", Erasure.SYSTEM_EVENTS.get(record.type()))
                    .append(Erasure.ERASED, true)
                    .append(GuardedWrites.VERSION, Long.MAX_VALUE));
        }
        if (!erasedItems.isEmpty()) {
            items.insertMany(erasedItems);
        }
    }

    private void updateMessage(UUID messageId, long sequence, Bson changes) {
        PendingInserts.writeGathered(MESSAGES_SENT);
        GuardedWrites.updateGuarded(items, messageId.toString(), sequence, changes, false);
    }

    /** A lifecycle item: the event's own identifier, sequence and time, and what happened. */
    private static Document system(DomainEventMessage<?> message, UUID sessionId, String what) {
        return item(
                        message.getIdentifier(),
                        sessionId,
                        TimelineItems.SYSTEM,
                        message.getMetaData(),
                        message.getSequenceNumber(),
                        message.getTimestamp())
                .append("event", what);
    }

    private static Document item(String id, UUID sessionId, String kind, MetaData metaData, long sequence, Instant at) {
        return new Document("_id", id)
                .append("sessionId", sessionId.toString())
                .append("spaceId", EventContext.spaceId(metaData).toString())
                .append("kind", kind)
                .append("sequence", sequence)
                .append("createdAt", Views.date(at));
    }

    private static Document signature(DecisionSignature signature) {
        if (signature == null) {
            return null;
        }
        return new Document("alg", signature.alg())
                .append("keyId", signature.keyId())
                .append("publicKey", signature.publicKey())
                .append("decision", signature.decision())
                .append("requestSha256", signature.requestSha256())
                .append("responseSha256", signature.responseSha256())
                .append("value", signature.value());
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
