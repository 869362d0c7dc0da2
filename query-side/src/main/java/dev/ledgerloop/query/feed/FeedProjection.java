package dev.ledgerloop.query.feed;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import dev.ledgerloop.events.session.InteractionAcknowledged;
import dev.ledgerloop.events.session.InteractionCancelled;
import dev.ledgerloop.events.session.MessageDeleted;
import dev.ledgerloop.events.session.MessageEdited;
import dev.ledgerloop.events.session.MessageExpired;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.ParticipantAdded;
import dev.ledgerloop.events.session.ParticipantRemoved;
import dev.ledgerloop.events.session.ParticipantRole;
import dev.ledgerloop.events.session.ParticipantRoleChanged;
import dev.ledgerloop.events.session.ResponseSubmitted;
import dev.ledgerloop.query.Envelopes;
import dev.ledgerloop.query.Views;
import dev.ledgerloop.query.projection.BatchEndWrites;
import dev.ledgerloop.query.projection.PendingInserts;
import dev.ledgerloop.query.projection.Projection;
import dev.ledgerloop.query.shredding.ErasesShreddedSessions;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.mongo.GuardedWrites;
import java.time.Instant;
import java.util.ArrayList;
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
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * The human {@code feed} view (docs/architecture.md §Query side): one document per message that waits for an answer,
 * carrying the users who may answer it ({@code answerers}), removed once it is answered, acknowledged, cancelled,
 * expired or deleted. Who may answer is kept per session ({@code feed_sessions}) and copied, as a whole list, onto the
 * session's waiting messages whenever it changes. Every write is guarded by the session's event sequence, so a replay
 * changes nothing.
 */
@Component
@ProcessingGroup(FeedProjection.GROUP)
class FeedProjection extends ErasesShreddedSessions implements Projection {
    static final String GROUP = "feed";
    static final String COLLECTION = "feed";
    static final String SESSIONS = "feed_sessions";
    static final Instant NO_DEADLINE = Instant.parse("9999-12-31T23:59:59Z");
    /** The session event the {@code answerers} list reflects; {@code version} is the message's own. */
    private static final String ANSWERERS_VERSION = "answerersVersion";

    private static final String SESSIONS_SEEN = SessionsSeen.class.getName();
    /** A batch's messages are inserted together, before any other write of the feed and at the batch's end. */
    private static final String MESSAGES_SENT = FeedProjection.class.getName() + ".messagesSent";

    private final MongoCollection<Document> feed;
    private final MongoCollection<Document> sessions;

    FeedProjection(MongoDatabase database) {
        this.feed = database.getCollection(COLLECTION);
        this.sessions = database.getCollection(SESSIONS);
        feed.createIndex(Indexes.ascending("answerers", "spaceId"));
        feed.createIndex(Indexes.ascending("sessionId"));
    }

    @Override
    public String name() {
        return GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION, SESSIONS);
    }

    @Override
    public Object writingTo(MongoDatabase database) {
        return new FeedProjection(database);
    }

    @Override
    public List<MessageHandlerInterceptor<EventMessage<?>>> batchInterceptors() {
        return List.of(BatchEndWrites.INTERCEPTOR);
    }

    /** Static: Axon's configuration is built before the projection's bean. */
    @Bean
    static ConfigurerModule sessionsAndMessagesPerBatch() {
        return BatchEndWrites.onProcessor(GROUP);
    }

    @EventHandler
    void on(MessageSent event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (!event.responseRequired()) {
            return;
        }
        PendingInserts.insertOnce(
                MESSAGES_SENT,
                feed,
                new Document("_id", event.messageId().toString())
                        .append("sessionId", event.sessionId().toString())
                        .append("spaceId", EventContext.spaceId(metaData).toString())
                        .append("answerers", answerers(event.sessionId()))
                        .append("senderType", event.senderType().name())
                        .append(
                                "senderAgentId",
                                event.senderAgentId() == null
                                        ? null
                                        : event.senderAgentId().toString())
                        .append("encryptedContent", Envelopes.document(event.encryptedContent()))
                        .append("encryptedComponents", Envelopes.document(event.encryptedComponents()))
                        .append("priority", event.priority().name())
                        .append("priorityRank", event.priority().ordinal())
                        .append("deadlineAt", Views.date(event.deadlineAt()))
                        .append(
                                "deadlineSort",
                                Views.date(event.deadlineAt() == null ? NO_DEADLINE : event.deadlineAt()))
                        .append("referenceId", event.referenceId())
                        .append("createdAt", Views.date(at))
                        .append("editedAt", null)
                        .append(ANSWERERS_VERSION, sequence)
                        .append(GuardedWrites.VERSION, sequence));
    }

    @EventHandler
    void on(MessageEdited event, @SequenceNumber long sequence, @Timestamp Instant at) {
        PendingInserts.writeGathered(MESSAGES_SENT);
        GuardedWrites.updateGuarded(
                feed,
                event.messageId().toString(),
                sequence,
                com.mongodb.client.model.Updates.combine(
                        set("encryptedContent", Envelopes.document(event.encryptedContent())),
                        set("encryptedComponents", Envelopes.document(event.encryptedComponents())),
                        set("editedAt", Views.date(at))),
                false);
    }

    @EventHandler
    void on(ResponseSubmitted event) {
        leave(event.messageId());
    }

    @EventHandler
    void on(InteractionAcknowledged event) {
        leave(event.messageId());
    }

    @EventHandler
    void on(InteractionCancelled event) {
        leave(event.messageId());
    }

    @EventHandler
    void on(MessageExpired event) {
        leave(event.messageId());
    }

    @EventHandler
    void on(MessageDeleted event) {
        leave(event.messageId());
    }

    @EventHandler
    void on(ParticipantAdded event, @SequenceNumber long sequence) {
        changeRole(event.sessionId(), event.userId(), event.role(), sequence);
    }

    @EventHandler
    void on(ParticipantRoleChanged event, @SequenceNumber long sequence) {
        changeRole(event.sessionId(), event.userId(), event.role(), sequence);
    }

    @EventHandler
    void on(ParticipantRemoved event, @SequenceNumber long sequence) {
        changeRole(event.sessionId(), event.userId(), null, sequence);
    }

    /** Once out of the feed a message never comes back, so deleting it is idempotent. */
    private void leave(UUID messageId) {
        PendingInserts.writeGathered(MESSAGES_SENT);
        feed.deleteOne(eq("_id", messageId.toString()));
    }

    private void changeRole(UUID sessionId, String userId, ParticipantRole role, long sequence) {
        String id = sessionId.toString();
        Document session = session(id);
        if (session != null && session.getLong(GuardedWrites.VERSION) >= sequence) {
            return;
        }
        List<String> answerers =
                new ArrayList<>(session == null ? List.of() : session.getList("answerers", String.class));
        answerers.remove(userId);
        if (role != null && role.mayAnswer()) {
            answerers.add(userId);
        }
        boolean applied = GuardedWrites.updateGuarded(sessions, id, sequence, set("answerers", answerers), true);
        SessionsSeen seen = sessionsSeen();
        if (seen != null) {
            seen.wrote(
                    id,
                    applied
                            ? new Document("_id", id)
                                    .append("answerers", answerers)
                                    .append(GuardedWrites.VERSION, sequence)
                            : null);
        }
        // Messages written after this event already carry a later list; only earlier ones take this one.
        PendingInserts.writeGathered(MESSAGES_SENT);
        feed.updateMany(
                and(eq("sessionId", sessionId.toString()), lt(ANSWERERS_VERSION, sequence)),
                com.mongodb.client.model.Updates.combine(
                        set("answerers", answerers), set(ANSWERERS_VERSION, sequence)));
    }

    private List<String> answerers(UUID sessionId) {
        Document session = session(sessionId.toString());
        return session == null ? List.of() : session.getList("answerers", String.class);
    }

    /** The session's document, looked up once per batch where the feed is handled in batches. */
    private Document session(String id) {
        SessionsSeen seen = sessionsSeen();
        return seen == null ? read(id) : seen.get(id, this::read);
    }

    private Document read(String sessionId) {
        return sessions.find(eq("_id", sessionId)).first();
    }

    private static SessionsSeen sessionsSeen() {
        return BatchEndWrites.inBatch(SESSIONS_SEEN, SessionsSeen::new);
    }

    /** The session was shredded: what it held here came from its encrypted events, so it goes (docs/api.md). */
    @Override
    protected void erase(UUID sessionId) {
        PendingInserts.writeGathered(MESSAGES_SENT);
        feed.deleteMany(new Document("sessionId", sessionId.toString()));
        sessions.deleteOne(new Document("_id", sessionId.toString()));
        SessionsSeen seen = sessionsSeen();
        if (seen != null) {
            seen.forget(sessionId.toString());
        }
    }
}
