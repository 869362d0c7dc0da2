package dev.ledgerloop.query.usage;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.SessionOpened;
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
import org.springframework.stereotype.Component;

/**
 * The {@code usage} view (docs/api.md §Quota and usage): per space, sessions opened and messages sent, in total
 * ({@code <spaceId>|total}) and per calendar month in UTC ({@code <spaceId>|2026-12}), counted as the events arrive.
 * An event is counted once: a per-session mark ({@code usage_applied}) records the last sequence counted, so a replay
 * adds nothing.
 */
@Component
@ProcessingGroup(UsageProjection.GROUP)
class UsageProjection extends ParksUnreadableEvents implements Projection {
    static final String GROUP = "usage";
    static final String COLLECTION = "usage";
    static final String APPLIED = "usage_applied";
    static final String TOTAL = "total";

    private final MongoCollection<Document> usage;
    private final MongoCollection<Document> applied;

    UsageProjection(MongoDatabase database) {
        this.usage = database.getCollection(COLLECTION);
        this.applied = database.getCollection(APPLIED);
    }

    @Override
    public String name() {
        return GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION, APPLIED);
    }

    @Override
    public Object writingTo(MongoDatabase database) {
        return new UsageProjection(database);
    }

    static String id(UUID spaceId, String period) {
        return spaceId + "|" + period;
    }

    @EventHandler
    void on(SessionOpened event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        count(event.sessionId(), EventContext.spaceId(metaData), sequence, at, "sessions");
    }

    @EventHandler
    void on(MessageSent event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        count(event.sessionId(), EventContext.spaceId(metaData), sequence, at, "messages");
    }

    private void count(UUID sessionId, UUID spaceId, long sequence, Instant at, String counter) {
        if (!GuardedWrites.updateGuarded(
                applied, sessionId.toString(), sequence, Updates.set("spaceId", spaceId.toString()), true)) {
            return;
        }
        for (String period : List.of(TOTAL, UsagePeriod.of(at))) {
            usage.updateOne(
                    eq("_id", id(spaceId, period)),
                    Updates.combine(
                            Updates.set("spaceId", spaceId.toString()),
                            Updates.set("period", period),
                            Updates.inc(counter, 1L)),
                    new UpdateOptions().upsert(true));
        }
    }
}
