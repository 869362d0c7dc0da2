package dev.ledgerloop.query.webhook;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import dev.ledgerloop.events.webhook.WebhookEndpointCreated;
import dev.ledgerloop.events.webhook.WebhookEndpointDeleted;
import dev.ledgerloop.events.webhook.WebhookEndpointDisabled;
import dev.ledgerloop.events.webhook.WebhookEndpointEnabled;
import dev.ledgerloop.events.webhook.WebhookEndpointUpdated;
import dev.ledgerloop.events.webhook.WebhookSecretRotated;
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

/** The {@code webhooks} view: the space owner's endpoints as docs/api.md shows them, never with their secrets. */
@Component
@ProcessingGroup(WebhooksProjection.GROUP)
class WebhooksProjection extends ParksUnreadableEvents implements Projection {
    static final String GROUP = "webhooks";
    static final String COLLECTION = "webhooks";

    private final MongoCollection<Document> webhooks;

    WebhooksProjection(MongoDatabase database) {
        this.webhooks = database.getCollection(COLLECTION);
        webhooks.createIndex(Indexes.ascending("spaceId", "createdAt"));
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
        return new WebhooksProjection(database);
    }

    @EventHandler
    void on(WebhookEndpointCreated event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        GuardedWrites.insertOnce(
                webhooks,
                new Document("_id", event.webhookId().toString())
                        .append("spaceId", EventContext.spaceId(metaData).toString())
                        .append("url", event.url())
                        .append("eventTypes", event.eventTypes())
                        .append(
                                "agentIds",
                                event.agentIds().stream().map(UUID::toString).toList())
                        .append("enabled", event.enabled())
                        .append("disabledReason", event.enabled() ? null : "Disabled by an admin")
                        .append("deleted", false)
                        .append("createdAt", Views.date(at))
                        .append("updatedAt", Views.date(at))
                        .append(GuardedWrites.VERSION, sequence));
    }

    @EventHandler
    void on(WebhookEndpointUpdated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(
                event.webhookId(),
                sequence,
                combine(
                        set("url", event.url()),
                        set("eventTypes", event.eventTypes()),
                        set(
                                "agentIds",
                                event.agentIds().stream().map(UUID::toString).toList()),
                        set("updatedAt", Views.date(at))));
    }

    @EventHandler
    void on(WebhookEndpointEnabled event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(
                event.webhookId(),
                sequence,
                combine(set("enabled", true), set("disabledReason", null), set("updatedAt", Views.date(at))));
    }

    @EventHandler
    void on(WebhookEndpointDisabled event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(
                event.webhookId(),
                sequence,
                combine(
                        set("enabled", false),
                        set("disabledReason", event.reason()),
                        set("updatedAt", Views.date(at))));
    }

    @EventHandler
    void on(WebhookEndpointDeleted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.webhookId(), sequence, combine(set("deleted", true), set("updatedAt", Views.date(at))));
    }

    @EventHandler
    void on(WebhookSecretRotated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.webhookId(), sequence, set("updatedAt", Views.date(at)));
    }

    private void update(UUID webhookId, long sequence, Bson changes) {
        webhooks.updateOne(
                and(eq("_id", webhookId.toString()), lt(GuardedWrites.VERSION, sequence)),
                combine(changes, set(GuardedWrites.VERSION, sequence)));
    }
}
