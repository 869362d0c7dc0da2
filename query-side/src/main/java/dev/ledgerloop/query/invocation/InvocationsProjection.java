package dev.ledgerloop.query.invocation;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import dev.ledgerloop.events.invocation.InvocationCancelled;
import dev.ledgerloop.events.invocation.InvocationCompleted;
import dev.ledgerloop.events.invocation.InvocationFailed;
import dev.ledgerloop.events.invocation.InvocationRequested;
import dev.ledgerloop.query.Envelopes;
import dev.ledgerloop.query.Views;
import dev.ledgerloop.query.projection.Projection;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.mongo.GuardedWrites;
import dev.ledgerloop.service.parking.ParksUnreadableEvents;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The {@code invocations} view (docs/architecture.md §Query side): one document per invocation, for the invoked agent's
 * polling. Plain arguments are kept as JSON text, since their keys need not be valid MongoDB field names.
 */
@Component
@ProcessingGroup(InvocationsProjection.GROUP)
class InvocationsProjection extends ParksUnreadableEvents implements Projection {
    static final String GROUP = "invocations";
    static final String COLLECTION = "invocations";

    private final MongoCollection<Document> invocations;

    InvocationsProjection(MongoDatabase database) {
        this.invocations = database.getCollection(COLLECTION);
        invocations.createIndex(Indexes.ascending("spaceId", "agentId", "status", "createdAt"));
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
        return new InvocationsProjection(database);
    }

    @EventHandler
    void on(InvocationRequested event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        GuardedWrites.insertOnce(
                invocations,
                new Document("_id", event.invocationId().toString())
                        .append("spaceId", EventContext.spaceId(metaData).toString())
                        .append("agentId", event.agentId().toString())
                        .append("command", event.command())
                        .append("encryptedArguments", Envelopes.document(event.encryptedArguments()))
                        .append(
                                "arguments",
                                event.arguments() == null
                                        ? null
                                        : event.arguments().toString())
                        .append("status", "Pending")
                        .append("requestedBy", event.requestedBy())
                        .append("encryptedResult", null)
                        .append("error", null)
                        .append("createdAt", Views.date(at))
                        .append("completedAt", null)
                        .append(GuardedWrites.VERSION, sequence));
    }

    @EventHandler
    void on(InvocationCompleted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        finish(
                event.invocationId(),
                sequence,
                "Completed",
                at,
                set("encryptedResult", Envelopes.document(event.encryptedResult())));
    }

    @EventHandler
    void on(InvocationFailed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        finish(event.invocationId(), sequence, "Failed", at, set("error", event.error()));
    }

    @EventHandler
    void on(InvocationCancelled event, @SequenceNumber long sequence, @Timestamp Instant at) {
        finish(event.invocationId(), sequence, "Cancelled", at, set("cancelledBy", event.cancelledBy()));
    }

    private void finish(UUID invocationId, long sequence, String status, Instant at, Bson changes) {
        invocations.updateOne(
                and(eq("_id", invocationId.toString()), lt(GuardedWrites.VERSION, sequence)),
                combine(
                        changes,
                        set("status", status),
                        set("completedAt", Views.date(at)),
                        set(GuardedWrites.VERSION, sequence)));
    }
}
