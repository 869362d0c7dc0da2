package dev.ledgerloop.query.identity;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.ledgerloop.events.apikey.ApiKeyIssued;
import dev.ledgerloop.events.apikey.ApiKeyRevoked;
import dev.ledgerloop.platform.principal.KeyPermissions;
import dev.ledgerloop.query.Views;
import dev.ledgerloop.query.projection.Projection;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.service.mongo.GuardedWrites;
import dev.ledgerloop.service.parking.ParksUnreadableEvents;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The {@code api_keys} view: one document per issued agent key, found by its SHA-256 {@code keyHash}, with its
 * {@code permissions} ({@code ["agent"]} for a key issued before keys had permissions). The gateway reads it directly
 * (api-gateway README, "Agents"), so its shape is a contract with the gateway.
 */
@Component
@ProcessingGroup(ApiKeysProjection.GROUP)
class ApiKeysProjection extends ParksUnreadableEvents implements Projection {
    static final String GROUP = "api_keys";
    public static final String COLLECTION = "api_keys";

    private final MongoCollection<Document> keys;

    ApiKeysProjection(MongoDatabase database) {
        this.keys = database.getCollection(COLLECTION);
        keys.createIndex(Indexes.ascending("keyHash"), new IndexOptions().unique(true));
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
        return new ApiKeysProjection(database);
    }

    @EventHandler
    void on(ApiKeyIssued event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        GuardedWrites.insertOnce(
                keys,
                new Document("_id", event.keyId().toString())
                        .append("keyHash", event.keyHash())
                        .append("spaceId", EventContext.spaceId(metaData).toString())
                        .append("agentId", event.agentId().toString())
                        .append("agentName", event.agentName())
                        .append("permissions", KeyPermissions.normalised(event.permissions()))
                        .append("revoked", false)
                        .append("issuedAt", Views.date(at))
                        .append("revokedAt", null)
                        .append(GuardedWrites.VERSION, sequence));
    }

    @EventHandler
    void on(ApiKeyRevoked event, @SequenceNumber long sequence, @Timestamp Instant at) {
        keys.updateOne(
                and(eq("_id", event.keyId().toString()), lt(GuardedWrites.VERSION, sequence)),
                combine(set("revoked", true), set("revokedAt", Views.date(at)), set(GuardedWrites.VERSION, sequence)));
    }
}
