package dev.ledgerloop.query.invocation;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import dev.ledgerloop.events.crypto.SessionSeals;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.invocation.InvocationCancelled;
import dev.ledgerloop.events.invocation.InvocationCompleted;
import dev.ledgerloop.events.invocation.InvocationContent;
import dev.ledgerloop.events.invocation.InvocationExpired;
import dev.ledgerloop.events.invocation.InvocationFailed;
import dev.ledgerloop.events.invocation.InvocationRequested;
import dev.ledgerloop.query.Envelopes;
import dev.ledgerloop.query.Views;
import dev.ledgerloop.query.projection.Projection;
import dev.ledgerloop.query.shredding.ErasesShreddedSessions;
import dev.ledgerloop.query.shredding.Erasure;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.mongo.GuardedWrites;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
 * polling. Plain arguments are kept as JSON text, since their keys need not be valid MongoDB field names. The content of
 * an invocation made in a session is sealed under the session's key: it is opened here, and once the session is
 * shredded it is erased (null, {@code erased: true}), live and in a rebuild alike.
 */
@Component
@ProcessingGroup(InvocationsProjection.GROUP)
class InvocationsProjection extends ErasesShreddedSessions implements Projection {
    static final String GROUP = "invocations";
    static final String COLLECTION = "invocations";

    private final MongoCollection<Document> invocations;
    private final SessionSeals seals;

    InvocationsProjection(MongoDatabase database, SessionSeals seals) {
        this.invocations = database.getCollection(COLLECTION);
        this.seals = seals;
        invocations.createIndex(Indexes.ascending("spaceId", "agentId", "status", "createdAt"));
        invocations.createIndex(Indexes.ascending("sessionId"));
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
        return new InvocationsProjection(database, seals);
    }

    @EventHandler
    void on(InvocationRequested event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        UUID spaceId = EventContext.spaceId(metaData);
        EncryptedEnvelope encryptedArguments = event.encryptedArguments();
        JsonNode arguments = event.arguments();
        boolean erased = false;
        if (event.sealedArguments() != null) {
            Optional<InvocationContent.Arguments> opened = InvocationContent.openArguments(
                    seals, spaceId, event.sessionId(), event.invocationId(), event.sealedArguments());
            erased = opened.isEmpty();
            encryptedArguments =
                    opened.map(InvocationContent.Arguments::encryptedArguments).orElse(null);
            arguments = opened.map(InvocationContent.Arguments::arguments).orElse(null);
        }
        GuardedWrites.insertOnce(
                invocations,
                new Document("_id", event.invocationId().toString())
                        .append("spaceId", spaceId.toString())
                        .append("agentId", event.agentId().toString())
                        .append(
                                "sessionId",
                                event.sessionId() == null
                                        ? null
                                        : event.sessionId().toString())
                        .append("command", event.command())
                        .append("encryptedArguments", Envelopes.document(encryptedArguments))
                        .append("arguments", arguments == null ? null : arguments.toString())
                        .append("status", "Pending")
                        .append("requestedBy", erased ? null : event.requestedBy())
                        .append("encryptedResult", null)
                        .append("error", null)
                        .append(Erasure.ERASED, erased)
                        .append("createdAt", Views.date(at))
                        .append("completedAt", null)
                        .append("expiresAt", Views.date(event.expiresAt()))
                        .append(GuardedWrites.VERSION, sequence));
    }

    @EventHandler
    void on(InvocationCompleted event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        EncryptedEnvelope result = event.sealedResult() == null
                ? event.encryptedResult()
                : sessionOf(event.invocationId())
                        .flatMap(session -> InvocationContent.openResult(
                                seals,
                                EventContext.spaceId(metaData),
                                session,
                                event.invocationId(),
                                event.sealedResult()))
                        .orElse(null);
        finish(event.invocationId(), sequence, "Completed", at, set("encryptedResult", Envelopes.document(result)));
    }

    @EventHandler
    void on(InvocationFailed event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        String error = event.sealedError() == null
                ? event.error()
                : sessionOf(event.invocationId())
                        .flatMap(session -> InvocationContent.openError(
                                seals,
                                EventContext.spaceId(metaData),
                                session,
                                event.invocationId(),
                                event.sealedError()))
                        .orElse(null);
        finish(event.invocationId(), sequence, "Failed", at, set("error", error));
    }

    @EventHandler
    void on(InvocationCancelled event, @SequenceNumber long sequence, @Timestamp Instant at) {
        finish(event.invocationId(), sequence, "Cancelled", at, set("cancelledBy", event.cancelledBy()));
    }

    @EventHandler
    void on(InvocationExpired event, @SequenceNumber long sequence, @Timestamp Instant at) {
        finish(event.invocationId(), sequence, "Expired", at, set("expiredAt", Views.date(at)));
    }

    /** Shredding: the content of the session's invocations is erased; their ids, agent, command and status stay. */
    @Override
    protected void erase(UUID sessionId) {
        invocations.updateMany(
                eq("sessionId", sessionId.toString()),
                combine(
                        set("encryptedArguments", null),
                        set("arguments", null),
                        set("encryptedResult", null),
                        set("error", null),
                        set("requestedBy", null),
                        set("cancelledBy", null),
                        set(Erasure.ERASED, true)));
    }

    private Optional<UUID> sessionOf(UUID invocationId) {
        Document found = invocations
                .find(eq("_id", invocationId.toString()))
                .projection(new Document("sessionId", 1))
                .first();
        return Optional.ofNullable(found)
                .map(document -> document.getString("sessionId"))
                .map(UUID::fromString);
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
