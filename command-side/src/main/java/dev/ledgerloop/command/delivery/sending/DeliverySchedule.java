package dev.ledgerloop.command.delivery.sending;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.nin;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.ledgerloop.command.delivery.DeliveryStatus;
import dev.ledgerloop.service.mongo.GuardedWrites;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The durable retry schedule ({@code delivery_schedule}): one document per delivery with its status and when its
 * next attempt is due, written only from delivery events, so it survives restarts and rebuilds from the log. An
 * instance claims a due delivery for one attempt; a claim that outlives its attempt (the instance stopped) expires,
 * and the delivery is attempted again with the same {@code webhook-id} (at least once).
 */
@Component
class DeliverySchedule {
    static final String COLLECTION = "delivery_schedule";
    static final String NEXT_ATTEMPT_AT = "nextAttemptAt";
    static final String CLAIMED_UNTIL = "claimedUntil";

    static final String ERASED_SESSIONS = "delivery_erased_sessions";

    private final MongoCollection<Document> schedule;
    private final MongoCollection<Document> erasedSessions;

    DeliverySchedule(MongoDatabase database) {
        this.schedule = database.getCollection(COLLECTION);
        this.erasedSessions = database.getCollection(ERASED_SESSIONS);
        schedule.createIndex(Indexes.ascending("sessionId"));
        schedule.createIndex(Indexes.ascending(NEXT_ATTEMPT_AT));
        schedule.createIndex(Indexes.ascending("webhookId", "status", "createdAt"));
    }

    /**
     * Shredding: every delivery about the session gets the erased body, and the session is remembered as erased so
     * that a delivery created later gets it too. Idempotent.
     */
    void eraseBodiesOf(UUID sessionId, BiFunction<String, UUID, String> erase) {
        erasedSessions.replaceOne(
                Filters.eq("_id", sessionId.toString()),
                new Document("_id", sessionId.toString()),
                new ReplaceOptions().upsert(true));
        for (Document delivery : schedule.find(Filters.eq("sessionId", sessionId.toString()))) {
            schedule.updateOne(
                    Filters.eq("_id", delivery.get("_id")),
                    Updates.set("payload", erase.apply(delivery.getString("payload"), sessionId)));
        }
    }

    boolean isErased(UUID sessionId) {
        return erasedSessions.find(Filters.eq("_id", sessionId.toString())).first() != null;
    }

    /** Applies a change that decides the next attempt (or that there is none): any claim ends with it. */
    void reschedule(UUID deliveryId, long sequence, Bson changes) {
        GuardedWrites.updateGuarded(
                schedule,
                deliveryId.toString(),
                sequence,
                Updates.combine(changes, Updates.set(CLAIMED_UNTIL, null)),
                true);
    }

    /** Applies a change that leaves the next attempt, and so a claim for it, as it is. */
    void note(UUID deliveryId, long sequence, Bson changes) {
        GuardedWrites.updateGuarded(schedule, deliveryId.toString(), sequence, changes, true);
    }

    /**
     * Due deliveries not claimed by anyone, of endpoints other than {@code excluded}, the longest due first: what a
     * {@link #claim} needs of each (the claim answers the rest).
     */
    List<Document> due(Instant now, Collection<String> excluded, int limit) {
        List<Document> due = new ArrayList<>();
        schedule.find(and(dueBy(now), nin("webhookId", excluded)))
                .projection(Projections.include("webhookId", GuardedWrites.VERSION))
                .sort(Sorts.ascending(NEXT_ATTEMPT_AT))
                .limit(limit)
                .into(due);
        return due;
    }

    /** When the next attempt after {@code now} falls due, if one does. */
    Optional<Instant> nextDueAfter(Instant now) {
        Document next = schedule.find(and(ne(NEXT_ATTEMPT_AT, null), gte(NEXT_ATTEMPT_AT, Date.from(now))))
                .sort(Sorts.ascending(NEXT_ATTEMPT_AT))
                .limit(1)
                .first();
        return Optional.ofNullable(next)
                .map(document -> document.getDate(NEXT_ATTEMPT_AT).toInstant());
    }

    /** Claims the delivery as read for one attempt; empty if another instance (or a newer event) came first. */
    Optional<ScheduledDelivery> claim(Document due, Instant now, Duration claimFor) {
        Document claimed = schedule.findOneAndUpdate(
                and(
                        eq("_id", due.getString("_id")),
                        eq(GuardedWrites.VERSION, due.get(GuardedWrites.VERSION)),
                        dueBy(now)),
                Updates.set(CLAIMED_UNTIL, Date.from(now.plus(claimFor))));
        if (claimed == null) {
            return Optional.empty();
        }
        return Optional.of(new ScheduledDelivery(
                UUID.fromString(claimed.getString("_id")),
                UUID.fromString(claimed.getString("spaceId")),
                UUID.fromString(claimed.getString("webhookId")),
                claimed.getString("payload"),
                claimed.getInteger("attempts", 0),
                claimed.getBoolean("manual", false)));
    }

    /** The endpoint's deliveries that were given up on since {@code since}. */
    List<UUID> exhaustedSince(UUID webhookId, Instant since) {
        List<UUID> ids = new ArrayList<>();
        for (Document delivery : schedule.find(and(
                eq("webhookId", webhookId.toString()),
                eq("status", DeliveryStatus.Exhausted.name()),
                gte("createdAt", Date.from(since))))) {
            ids.add(UUID.fromString(delivery.getString("_id")));
        }
        return ids;
    }

    private static Bson dueBy(Instant now) {
        Date at = Date.from(now);
        return and(
                ne(NEXT_ATTEMPT_AT, null),
                lte(NEXT_ATTEMPT_AT, at),
                or(eq(CLAIMED_UNTIL, null), lt(CLAIMED_UNTIL, at)));
    }
}
