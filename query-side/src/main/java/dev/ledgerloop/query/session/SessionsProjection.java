package dev.ledgerloop.query.session;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.SessionArchived;
import dev.ledgerloop.events.session.SessionClosed;
import dev.ledgerloop.events.session.SessionOpened;
import dev.ledgerloop.events.shredding.SessionShredRequested;
import dev.ledgerloop.query.Envelopes;
import dev.ledgerloop.query.Views;
import dev.ledgerloop.query.projection.BatchEndWrites;
import dev.ledgerloop.query.projection.Projection;
import dev.ledgerloop.query.shredding.Erasure;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.mongo.GuardedWrites;
import dev.ledgerloop.service.parking.ParksUnreadableEvents;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
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

/** The {@code sessions} view (docs/architecture.md §Query side): one document per session, for list and get. */
@Component
@ProcessingGroup(SessionsProjection.GROUP)
class SessionsProjection extends ParksUnreadableEvents implements Projection {
    static final String GROUP = "sessions";
    static final String COLLECTION = "sessions";

    private static final String LAST_MESSAGES = LastMessages.class.getName();

    private final MongoCollection<Document> sessions;

    SessionsProjection(MongoDatabase database) {
        this.sessions = database.getCollection(COLLECTION);
        sessions.createIndex(Indexes.ascending("spaceId", "agentId", "createdAt"));
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
        return new SessionsProjection(database);
    }

    @Override
    public List<MessageHandlerInterceptor<EventMessage<?>>> batchInterceptors() {
        return List.of(BatchEndWrites.INTERCEPTOR);
    }

    /** Static: Axon's configuration is built before the projection's bean. */
    @Bean
    static ConfigurerModule lastMessagesWrittenAtBatchEnd() {
        return BatchEndWrites.onProcessor(GROUP);
    }

    @EventHandler
    void on(SessionOpened event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        GuardedWrites.insertOnce(
                sessions,
                new Document("_id", event.sessionId().toString())
                        .append("spaceId", EventContext.spaceId(metaData).toString())
                        .append("agentId", event.agentId().toString())
                        .append("status", "Active")
                        .append("isPublic", event.isPublic())
                        .append("maxGuests", event.maxGuests())
                        .append("requireSignedAnswers", event.signedAnswersRequired())
                        .append("encryptedTitle", Envelopes.document(event.encryptedTitle()))
                        .append(SessionView.INTERACTION_TYPE, event.interactionType())
                        .append("createdAt", Views.date(at))
                        .append("updatedAt", Views.date(at))
                        .append("lastMessageAt", null)
                        .append(GuardedWrites.VERSION, sequence));
    }

    /** In a batch, only the last message of each session is written ({@link LastMessages}). */
    @EventHandler
    void on(MessageSent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        LastMessages batch = BatchEndWrites.inBatch(LAST_MESSAGES, () -> new LastMessages(this::messageSent));
        if (batch != null) {
            batch.add(event.sessionId(), sequence, at);
        } else {
            messageSent(event.sessionId(), sequence, at);
        }
    }

    private void messageSent(UUID sessionId, long sequence, Instant at) {
        update(sessionId, sequence, combine(set("lastMessageAt", Views.date(at)), set("updatedAt", Views.date(at))));
    }

    @EventHandler
    void on(SessionClosed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        writePendingMessage(event.sessionId());
        update(event.sessionId(), sequence, combine(set("status", "Closed"), set("updatedAt", Views.date(at))));
    }

    @EventHandler
    void on(SessionArchived event, @SequenceNumber long sequence, @Timestamp Instant at) {
        writePendingMessage(event.sessionId());
        update(event.sessionId(), sequence, combine(set("status", "Archived"), set("updatedAt", Views.date(at))));
    }

    /** The session's content is erased: what stays is whose it is, when it was opened, and that it was shredded. */
    @EventHandler
    void on(SessionShredRequested event, @Timestamp Instant at) {
        writePendingMessage(event.sessionId());
        sessions.replaceOne(
                eq("_id", event.sessionId().toString()),
                new Document("_id", event.sessionId().toString())
                        .append("spaceId", event.spaceId().toString())
                        .append("agentId", event.agentId())
                        .append("status", Erasure.STATUS)
                        .append("isPublic", false)
                        .append("maxGuests", null)
                        .append("encryptedTitle", null)
                        .append("createdAt", Views.date(event.openedAt()))
                        .append("updatedAt", Views.date(at))
                        .append("lastMessageAt", null)
                        .append(Erasure.ERASED, true)
                        // Nothing of the session applies after this: its later events, if any, are erased too.
                        .append(GuardedWrites.VERSION, Long.MAX_VALUE),
                new ReplaceOptions().upsert(true));
    }

    private void writePendingMessage(UUID sessionId) {
        LastMessages batch = BatchEndWrites.inBatch(LAST_MESSAGES, () -> new LastMessages(this::messageSent));
        if (batch != null) {
            batch.writeBefore(sessionId);
        }
    }

    private void update(UUID sessionId, long sequence, Bson changes) {
        sessions.updateOne(
                and(eq("_id", sessionId.toString()), lt(GuardedWrites.VERSION, sequence)),
                combine(changes, set(GuardedWrites.VERSION, sequence)));
    }
}
