package dev.ledgerloop.command.delivery.dispatch;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.events.invocation.InvocationRequested;
import dev.ledgerloop.events.session.SessionOpened;
import dev.ledgerloop.service.mongo.GuardedWrites;
import dev.ledgerloop.service.notification.Notifications;
import java.util.UUID;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Whose sessions and invocations they are, from the dispatcher's own records of their first events
 * ({@code webhook_session_agents}, {@code webhook_invocation_agents}): the records are what a restarted or another
 * instance reads. An owner never changes once recorded, so the owners recorded or read lately are also kept in memory,
 * and most events cost no MongoDB read. An owner not found is not kept: its first event may be recorded later (a
 * parked event retried, or another instance).
 */
@Component
class RecordedOwners implements Notifications.Owners {
    /** Per kind; full, the two take some 7 MB of heap. */
    private static final int KEPT = 20_000;

    private final MongoCollection<Document> sessions;
    private final MongoCollection<Document> invocations;
    private final Cache<UUID, UUID> sessionAgents =
            Caffeine.newBuilder().maximumSize(KEPT).build();
    private final Cache<UUID, Notifications.InvocationOwner> invocationOwners =
            Caffeine.newBuilder().maximumSize(KEPT).build();

    RecordedOwners(MongoDatabase database) {
        this.sessions = database.getCollection("webhook_session_agents");
        this.invocations = database.getCollection("webhook_invocation_agents");
    }

    void record(SessionOpened opened) {
        GuardedWrites.insertOnce(
                sessions,
                new Document("_id", opened.sessionId().toString())
                        .append("agentId", opened.agentId().toString()));
        sessionAgents.put(opened.sessionId(), opened.agentId());
    }

    void record(InvocationRequested requested) {
        Document invocation = new Document("_id", requested.invocationId().toString())
                .append("agentId", requested.agentId().toString());
        if (requested.sessionId() != null) {
            invocation.append("sessionId", requested.sessionId().toString());
        }
        GuardedWrites.insertOnce(invocations, invocation);
        invocationOwners.put(
                requested.invocationId(),
                new Notifications.InvocationOwner(requested.agentId(), requested.sessionId()));
    }

    @Override
    public UUID agentOfSession(UUID sessionId) {
        return sessionAgents.get(sessionId, this::readAgentOfSession);
    }

    @Override
    public Notifications.InvocationOwner ownerOfInvocation(UUID invocationId) {
        return invocationOwners.get(invocationId, this::readOwnerOfInvocation);
    }

    /** Nothing kept from before: the processor starts over (its tokens reset). */
    void forget() {
        sessionAgents.invalidateAll();
        invocationOwners.invalidateAll();
    }

    private UUID readAgentOfSession(UUID sessionId) {
        Document session =
                sessions.find(new Document("_id", sessionId.toString())).first();
        return session == null ? null : UUID.fromString(session.getString("agentId"));
    }

    private Notifications.InvocationOwner readOwnerOfInvocation(UUID invocationId) {
        Document invocation =
                invocations.find(new Document("_id", invocationId.toString())).first();
        if (invocation == null) {
            return null;
        }
        String session = invocation.getString("sessionId");
        return new Notifications.InvocationOwner(
                UUID.fromString(invocation.getString("agentId")), session == null ? null : UUID.fromString(session));
    }
}
