package dev.ledgerloop.query.delivery;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import dev.ledgerloop.events.crypto.SessionSeals;
import dev.ledgerloop.events.delivery.DeliveryAttempted;
import dev.ledgerloop.events.delivery.DeliveryCreated;
import dev.ledgerloop.events.delivery.DeliveryExhausted;
import dev.ledgerloop.events.delivery.DeliveryFailed;
import dev.ledgerloop.events.delivery.DeliveryRetriedManually;
import dev.ledgerloop.events.delivery.DeliverySucceeded;
import dev.ledgerloop.query.Views;
import dev.ledgerloop.query.projection.Projection;
import dev.ledgerloop.query.shredding.ErasesShreddedSessions;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.mongo.GuardedWrites;
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
 * The {@code deliveries} view (docs/architecture.md §Query side): one document per delivery with its status and its
 * last attempt. The receiver's answer to a delivery about a session is erased when the session is shredded.
 */
@Component
@ProcessingGroup(DeliveriesProjection.GROUP)
class DeliveriesProjection extends ErasesShreddedSessions implements Projection {
    static final String GROUP = "deliveries";
    static final String COLLECTION = "deliveries";

    private final MongoCollection<Document> deliveries;
    private final SessionSeals seals;

    DeliveriesProjection(MongoDatabase database, SessionSeals seals) {
        this.deliveries = database.getCollection(COLLECTION);
        this.seals = seals;
        deliveries.createIndex(Indexes.ascending("sessionId"));
        deliveries.createIndex(Indexes.ascending("spaceId", "agentId", "createdAt"));
        deliveries.createIndex(Indexes.ascending("spaceId", "webhookId", "createdAt"));
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
        return new DeliveriesProjection(database, seals);
    }

    @EventHandler
    void on(DeliveryCreated event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        GuardedWrites.insertOnce(
                deliveries,
                new Document("_id", event.deliveryId().toString())
                        .append("spaceId", EventContext.spaceId(metaData).toString())
                        .append("webhookId", event.webhookId().toString())
                        .append(
                                "agentId",
                                event.agentId() == null ? null : event.agentId().toString())
                        .append(
                                "sessionId",
                                event.sessionId() == null
                                        ? null
                                        : event.sessionId().toString())
                        .append("eventId", event.eventId())
                        .append("type", event.type())
                        .append("status", "Pending")
                        .append("attempts", 0)
                        .append("lastAttemptAt", null)
                        .append("lastStatus", null)
                        .append("lastError", null)
                        .append("lastLatencyMs", null)
                        .append("lastResponseBodyPrefix", null)
                        .append("nextAttemptAt", Views.date(at))
                        .append("exhaustedReason", null)
                        .append("createdAt", Views.date(at))
                        .append("updatedAt", Views.date(at))
                        .append(GuardedWrites.VERSION, sequence));
    }

    @EventHandler
    void on(DeliveryAttempted event, @SequenceNumber long sequence) {
        update(
                event.deliveryId(),
                sequence,
                combine(set("attempts", event.attempt()), set("lastAttemptAt", Views.date(event.attemptedAt()))));
    }

    @EventHandler
    void on(DeliverySucceeded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(
                event.deliveryId(),
                sequence,
                combine(
                        set("status", "Succeeded"),
                        set("lastStatus", event.status()),
                        set("lastError", null),
                        set("lastLatencyMs", event.latencyMillis()),
                        set("lastResponseBodyPrefix", null),
                        set("nextAttemptAt", null),
                        set("updatedAt", Views.date(at))));
    }

    @EventHandler
    void on(DeliveryFailed event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(
                event.deliveryId(),
                sequence,
                combine(
                        set("status", "Failed"),
                        set("lastStatus", event.status()),
                        set("lastError", event.error()),
                        set("lastLatencyMs", event.latencyMillis()),
                        set(
                                "lastResponseBodyPrefix",
                                ReceiverAnswers.prefixOf(event, EventContext.spaceId(metaData), seals)),
                        set("nextAttemptAt", Views.date(event.nextAttemptAt())),
                        set("updatedAt", Views.date(at))));
    }

    @EventHandler
    void on(DeliveryExhausted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(
                event.deliveryId(),
                sequence,
                combine(
                        set("status", "Exhausted"),
                        set("exhaustedReason", event.reason()),
                        set("nextAttemptAt", null),
                        set("updatedAt", Views.date(at))));
    }

    @EventHandler
    void on(DeliveryRetriedManually event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(
                event.deliveryId(),
                sequence,
                combine(
                        set("status", "Pending"),
                        set("exhaustedReason", null),
                        set("nextAttemptAt", Views.date(at)),
                        set("updatedAt", Views.date(at))));
    }

    @Override
    protected void erase(UUID sessionId) {
        deliveries.updateMany(eq("sessionId", sessionId.toString()), set("lastResponseBodyPrefix", null));
    }

    private void update(UUID deliveryId, long sequence, Bson changes) {
        deliveries.updateOne(
                and(eq("_id", deliveryId.toString()), lt(GuardedWrites.VERSION, sequence)),
                combine(changes, set(GuardedWrites.VERSION, sequence)));
    }
}
