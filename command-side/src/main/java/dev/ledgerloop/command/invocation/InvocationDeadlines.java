package dev.ledgerloop.command.invocation;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.events.invocation.InvocationCancelled;
import dev.ledgerloop.events.invocation.InvocationCompleted;
import dev.ledgerloop.events.invocation.InvocationExpired;
import dev.ledgerloop.events.invocation.InvocationFailed;
import dev.ledgerloop.events.invocation.InvocationRequested;
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
 * The expiry times of pending invocations, kept in MongoDB from the events so that they survive a restart, for
 * {@link InvocationExpiry}. Idempotent: one put back by a replay expires nothing, the aggregate ignores it.
 */
@Component
@ProcessingGroup(InvocationDeadlines.GROUP)
class InvocationDeadlines extends ParksUnreadableEvents {
    static final String GROUP = "invocation-deadlines";
    static final String COLLECTION = "invocation_deadlines";

    private final MongoCollection<Document> deadlines;
    private final InvocationExpiry expiry;

    InvocationDeadlines(MongoDatabase database, InvocationExpiry expiry) {
        this.deadlines = database.getCollection(COLLECTION);
        this.expiry = expiry;
    }

    @EventHandler
    void on(InvocationRequested event, MetaData metaData) {
        if (event.expiresAt() == null) {
            return;
        }
        GuardedWrites.insertOnce(
                deadlines,
                new Document("_id", event.invocationId().toString())
                        .append("spaceId", EventContext.spaceId(metaData).toString())
                        .append("dueAt", Date.from(event.expiresAt())));
        expiry.wake();
    }

    @EventHandler
    void on(InvocationCompleted event) {
        done(event.invocationId());
    }

    @EventHandler
    void on(InvocationFailed event) {
        done(event.invocationId());
    }

    @EventHandler
    void on(InvocationCancelled event) {
        done(event.invocationId());
    }

    @EventHandler
    void on(InvocationExpired event) {
        done(event.invocationId());
    }

    private void done(UUID invocationId) {
        deadlines.deleteOne(eq("_id", invocationId.toString()));
    }
}
