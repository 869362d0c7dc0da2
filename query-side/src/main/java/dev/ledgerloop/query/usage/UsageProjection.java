package dev.ledgerloop.query.usage;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.SessionOpened;
import dev.ledgerloop.query.projection.BatchEndWrites;
import dev.ledgerloop.query.projection.Projection;
import dev.ledgerloop.service.events.EventContext;
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
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * The {@code usage} view (docs/api.md §Quota and usage): per space, sessions opened and messages sent, in total
 * ({@code <spaceId>|total}) and per calendar month in UTC ({@code <spaceId>|2026-12}), counted as the events arrive.
 * An event is counted once: a per-session mark ({@code usage_applied}) records the last sequence counted, so a replay
 * adds nothing.
 *
 * <p>A batch's counts are summed and written as its last event has been handled ({@link UsageCounts}, {@link
 * BatchEndWrites}): a few writes per batch instead of three per event.
 */
@Component
@ProcessingGroup(UsageProjection.GROUP)
class UsageProjection extends ParksUnreadableEvents implements Projection {
    static final String GROUP = "usage";
    static final String COLLECTION = "usage";
    static final String APPLIED = "usage_applied";
    static final String TOTAL = "total";

    private static final String COUNTS = UsageCounts.class.getName();

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

    @Override
    public List<MessageHandlerInterceptor<EventMessage<?>>> batchInterceptors() {
        return List.of(BatchEndWrites.INTERCEPTOR);
    }

    /** Static: Axon's configuration is built before the projection's bean. */
    @Bean
    static ConfigurerModule usageCountsWrittenAtBatchEnd() {
        return BatchEndWrites.onProcessor(GROUP);
    }

    static String id(UUID spaceId, String period) {
        return spaceId + "|" + period;
    }

    @EventHandler
    void on(SessionOpened event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        count(event.sessionId(), EventContext.spaceId(metaData), sequence, at, UsageCounts.SESSIONS);
    }

    @EventHandler
    void on(MessageSent event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        count(event.sessionId(), EventContext.spaceId(metaData), sequence, at, UsageCounts.MESSAGES);
    }

    private void count(UUID sessionId, UUID spaceId, long sequence, Instant at, String counter) {
        UsageCounts batch = BatchEndWrites.inBatch(COUNTS, () -> new UsageCounts(usage, applied));
        if (batch != null) {
            batch.add(sessionId, spaceId, sequence, at, counter);
            return;
        }
        UsageCounts alone = new UsageCounts(usage, applied);
        alone.add(sessionId, spaceId, sequence, at, counter);
        alone.write();
    }
}
