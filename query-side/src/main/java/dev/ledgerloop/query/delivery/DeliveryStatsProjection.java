package dev.ledgerloop.query.delivery;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.ledgerloop.events.crypto.SessionSeals;
import dev.ledgerloop.events.delivery.DeliveryExhausted;
import dev.ledgerloop.events.delivery.DeliveryFailed;
import dev.ledgerloop.events.delivery.DeliverySucceeded;
import dev.ledgerloop.query.Views;
import dev.ledgerloop.query.projection.Projection;
import dev.ledgerloop.query.shredding.ErasesShreddedSessions;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.mongo.GuardedWrites;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
 * The {@code delivery_stats} view (docs/architecture.md §Query side): per endpoint, per agent and per (endpoint,
 * agent), one document per hour with counts by outcome and a mergeable latency histogram, plus the last failure. An
 * event is counted once: a per-delivery mark ({@code delivery_stats_applied}) records the last sequence counted, so a
 * replay adds nothing. (A crash between the mark and the counts loses that event's count rather than doubling it.)
 * The receiver's answer kept with the last failure of a delivery about a session is erased when the session is
 * shredded.
 */
@Component
@ProcessingGroup(DeliveryStatsProjection.GROUP)
class DeliveryStatsProjection extends ErasesShreddedSessions implements Projection {
    static final String GROUP = "delivery-stats";
    static final String COLLECTION = "delivery_stats";
    static final String LAST_FAILURES = "delivery_stats_last_failure";
    static final String APPLIED = "delivery_stats_applied";
    static final String SCOPE_WEBHOOK = "webhook";
    static final String SCOPE_AGENT = "agent";
    static final String SCOPE_WEBHOOK_AGENT = "webhook-agent";

    private final MongoCollection<Document> stats;
    private final MongoCollection<Document> lastFailures;
    private final MongoCollection<Document> applied;
    private final SessionSeals seals;

    DeliveryStatsProjection(MongoDatabase database, SessionSeals seals) {
        this.seals = seals;
        this.stats = database.getCollection(COLLECTION);
        this.lastFailures = database.getCollection(LAST_FAILURES);
        this.applied = database.getCollection(APPLIED);
        stats.createIndex(Indexes.ascending("spaceId", "scope", "scopeId", "hour"));
    }

    @Override
    public String name() {
        return GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION, LAST_FAILURES, APPLIED);
    }

    @Override
    public Object writingTo(MongoDatabase database) {
        return new DeliveryStatsProjection(database, seals);
    }

    @EventHandler
    void on(DeliverySucceeded event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        count(
                event.deliveryId(),
                event.webhookId(),
                event.agentId(),
                metaData,
                sequence,
                at,
                "succeeded",
                event.latencyMillis());
    }

    @EventHandler
    void on(DeliveryFailed event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (!count(
                event.deliveryId(),
                event.webhookId(),
                event.agentId(),
                metaData,
                sequence,
                at,
                "failed",
                event.latencyMillis())) {
            return;
        }
        Document failure = new Document("deliveryId", event.deliveryId().toString())
                .append("at", Views.date(at))
                .append("status", event.status())
                .append("error", event.error())
                .append("responseBodyPrefix", ReceiverAnswers.prefixOf(event, EventContext.spaceId(metaData), seals))
                .append(
                        "sessionId",
                        event.sessionId() == null ? null : event.sessionId().toString());
        for (String[] scope : scopes(event.webhookId(), event.agentId())) {
            String id = scope[0] + "|" + scope[1];
            try {
                lastFailures.updateOne(
                        and(eq("_id", id), or(Filters.exists("at", false), lt("at", Views.date(at)))),
                        Updates.combine(
                                Updates.set(
                                        "spaceId",
                                        EventContext.spaceId(metaData).toString()),
                                Updates.set("at", Views.date(at)),
                                Updates.set("failure", failure)),
                        new UpdateOptions().upsert(true));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
    }

    @EventHandler
    void on(DeliveryExhausted event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        count(event.deliveryId(), event.webhookId(), event.agentId(), metaData, sequence, at, "exhausted", null);
    }

    @Override
    protected void erase(UUID sessionId) {
        lastFailures.updateMany(
                eq("failure.sessionId", sessionId.toString()), Updates.set("failure.responseBodyPrefix", null));
    }

    /** Counts the outcome in every scope's hour unless this event was counted before; true if counted now. */
    private boolean count(
            UUID deliveryId,
            UUID webhookId,
            UUID agentId,
            MetaData metaData,
            long sequence,
            Instant at,
            String outcome,
            Long latencyMillis) {
        if (!markFirstTime(deliveryId, sequence)) {
            return false;
        }
        Instant hour = at.truncatedTo(ChronoUnit.HOURS);
        String spaceId = EventContext.spaceId(metaData).toString();
        for (String[] scope : scopes(webhookId, agentId)) {
            List<Bson> changes = new ArrayList<>(List.of(
                    Updates.set("spaceId", spaceId),
                    Updates.set("scope", scope[0]),
                    Updates.set("scopeId", scope[1]),
                    Updates.set("webhookId", webhookId.toString()),
                    Updates.set("agentId", agentId == null ? null : agentId.toString()),
                    Updates.set("hour", Views.date(hour)),
                    Updates.inc(outcome, 1)));
            if (latencyMillis != null) {
                changes.add(Updates.inc("latency." + LatencyBuckets.bucket(latencyMillis), 1));
            }
            stats.updateOne(
                    eq("_id", scope[0] + "|" + scope[1] + "|" + hour),
                    Updates.combine(changes),
                    new UpdateOptions().upsert(true));
        }
        return true;
    }

    private boolean markFirstTime(UUID deliveryId, long sequence) {
        try {
            applied.updateOne(
                    and(eq("_id", deliveryId.toString()), lt(GuardedWrites.VERSION, sequence)),
                    Updates.set(GuardedWrites.VERSION, sequence),
                    new UpdateOptions().upsert(true));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    static List<String[]> scopes(UUID webhookId, UUID agentId) {
        List<String[]> scopes = new ArrayList<>();
        scopes.add(new String[] {SCOPE_WEBHOOK, webhookId.toString()});
        if (agentId != null) {
            scopes.add(new String[] {SCOPE_AGENT, agentId.toString()});
            scopes.add(new String[] {SCOPE_WEBHOOK_AGENT, webhookId + "/" + agentId});
        }
        return scopes;
    }
}
