package dev.ledgerloop.command.session;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.events.session.InteractionAcknowledged;
import dev.ledgerloop.events.session.InteractionCancelled;
import dev.ledgerloop.events.session.MessageDeleted;
import dev.ledgerloop.events.session.MessageExpired;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.ResponseSubmitted;
import dev.ledgerloop.events.shredding.SessionShredRequested;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.mongo.GuardedWrites;
import dev.ledgerloop.service.parking.ParksUnreadableEvents;
import java.util.Date;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The open deadlines of messages that wait for an answer, kept in MongoDB from the events so that they survive a
 * restart (docs/architecture.md §Decisions: deadlines are durable, not in-memory timers). {@link DeadlineScheduler}
 * expires what falls due. Idempotent: a deadline put back by a replay expires nothing, the aggregate ignores it.
 */
@Component
@ProcessingGroup(DeadlinesProjection.GROUP)
class DeadlinesProjection extends ParksUnreadableEvents {
    static final String GROUP = "deadlines";
    static final String COLLECTION = "deadlines";

    private final MongoCollection<Document> deadlines;
    private final DeadlineScheduler scheduler;

    DeadlinesProjection(MongoDatabase database, DeadlineScheduler scheduler) {
        this.deadlines = database.getCollection(COLLECTION);
        this.scheduler = scheduler;
    }

    @EventHandler
    void on(MessageSent event, MetaData metaData) {
        if (!event.responseRequired() || event.deadlineAt() == null) {
            return;
        }
        GuardedWrites.insertOnce(
                deadlines,
                new Document("_id", event.messageId().toString())
                        .append("sessionId", event.sessionId().toString())
                        .append("spaceId", EventContext.spaceId(metaData).toString())
                        .append("dueAt", Date.from(event.deadlineAt())));
        scheduler.wake();
    }

    @EventHandler
    void on(ResponseSubmitted event) {
        done(event.messageId());
    }

    @EventHandler
    void on(InteractionAcknowledged event) {
        done(event.messageId());
    }

    @EventHandler
    void on(InteractionCancelled event) {
        done(event.messageId());
    }

    @EventHandler
    void on(MessageDeleted event) {
        done(event.messageId());
    }

    @EventHandler
    void on(MessageExpired event) {
        done(event.messageId());
    }

    /** A shredded session takes no more changes: none of its messages expires. */
    @EventHandler
    void on(SessionShredRequested event) {
        deadlines.deleteMany(eq("sessionId", event.sessionId().toString()));
    }

    private void done(UUID messageId) {
        deadlines.deleteOne(eq("_id", messageId.toString()));
    }
}
