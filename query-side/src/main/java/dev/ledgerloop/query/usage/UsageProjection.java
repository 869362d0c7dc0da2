package dev.ledgerloop.query.usage;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.SessionOpened;
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
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * The {@code usage} view (docs/api.md §Quota and usage): per space, sessions opened and messages sent, in total
 * ({@code <spaceId>|total}) and per calendar month in UTC ({@code <spaceId>|2026-12}), counted as the events arrive.
 * An event is counted once: a per-session mark ({@code usage_applied}) records the last sequence counted, so a replay
 * adds nothing.
 *
 * <p>Where {@link #WRITES_AT_BATCH_END} intercepts the handling (the live processor, a rebuild), a batch's counts are
 * summed and written as its last event has been handled ({@link UsageCounts}): a few writes per batch instead of three
 * per event. Written then, they are in the view before the batch commits and its processor's token moves past them.
 */
@Component
@ProcessingGroup(UsageProjection.GROUP)
class UsageProjection extends ParksUnreadableEvents implements Projection {
    static final String GROUP = "usage";
    static final String COLLECTION = "usage";
    static final String APPLIED = "usage_applied";
    static final String TOTAL = "total";

    private static final String COUNTS = UsageCounts.class.getName();
    private static final String BATCHED = UsageProjection.class.getName() + ".batched";

    /** Marks the unit of work as one whose counts are written at its end, and writes them after its last event. */
    static final MessageHandlerInterceptor<EventMessage<?>> WRITES_AT_BATCH_END = UsageProjection::writeAtBatchEnd;

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
        return List.of(WRITES_AT_BATCH_END);
    }

    /** Static: Axon's configuration is built before the projection's bean. */
    @Bean
    static ConfigurerModule usageCountsWrittenAtBatchEnd() {
        return configurer -> configurer.eventProcessing(
                processing -> processing.registerHandlerInterceptor(GROUP, axon -> WRITES_AT_BATCH_END));
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
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get() : null;
        if (unitOfWork != null && unitOfWork.getResource(BATCHED) != null) {
            unitOfWork
                    .getOrComputeResource(COUNTS, key -> new UsageCounts(usage, applied))
                    .add(sessionId, spaceId, sequence, at, counter);
            return;
        }
        UsageCounts alone = new UsageCounts(usage, applied);
        alone.add(sessionId, spaceId, sequence, at, counter);
        alone.write();
    }

    private static Object writeAtBatchEnd(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        unitOfWork.resources().putIfAbsent(BATCHED, Boolean.TRUE);
        Object result = chain.proceed();
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
            UsageCounts counts = (UsageCounts) unitOfWork.resources().remove(COUNTS);
            if (counts != null) {
                counts.write();
            }
        }
        return result;
    }
}
