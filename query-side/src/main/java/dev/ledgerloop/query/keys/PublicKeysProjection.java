package dev.ledgerloop.query.keys;

import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.events.agent.AgentPublicKeyRegistered;
import dev.ledgerloop.events.human.HumanPublicKeyRegistered;
import dev.ledgerloop.events.space.SpaceEncryptionKeySet;
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
 * The {@code public_keys} view (docs/api.md §Keys): the public keys registered now, one document per owner, each the
 * latest of its aggregate: {@code agent:<agentId>}, {@code human:<humanId>} and {@code space:<spaceId>}.
 */
@Component
@ProcessingGroup(PublicKeysProjection.GROUP)
class PublicKeysProjection extends ParksUnreadableEvents implements Projection {
    static final String GROUP = "public_keys";
    static final String COLLECTION = "public_keys";

    private final MongoCollection<Document> keys;

    PublicKeysProjection(MongoDatabase database) {
        this.keys = database.getCollection(COLLECTION);
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
        return new PublicKeysProjection(database);
    }

    @EventHandler
    void on(AgentPublicKeyRegistered event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        GuardedWrites.updateGuarded(
                keys,
                PublicKeyReader.agentKey(event.agentId()),
                sequence,
                combine(
                        set("spaceId", EventContext.spaceId(metaData).toString()),
                        set("publicKey", event.publicKey()),
                        set("fingerprint", event.fingerprint()),
                        set("registeredAt", Views.date(at))),
                true);
    }

    @EventHandler
    void on(HumanPublicKeyRegistered event, MetaData metaData, @SequenceNumber long sequence, @Timestamp Instant at) {
        GuardedWrites.updateGuarded(
                keys,
                PublicKeyReader.humanKey(event.humanId()),
                sequence,
                combine(
                        set("spaceId", EventContext.spaceId(metaData).toString()),
                        set("userId", event.userId()),
                        set("publicKey", event.publicKey()),
                        set("fingerprint", event.fingerprint()),
                        set("signingPublicKey", event.signingPublicKey()),
                        set("signingKeyId", event.signingKeyId()),
                        set("registeredAt", Views.date(at))),
                true);
    }

    @EventHandler
    void on(SpaceEncryptionKeySet event, @SequenceNumber long sequence, @Timestamp Instant at) {
        GuardedWrites.updateGuarded(
                keys,
                PublicKeyReader.spaceKey(event.spaceId()),
                sequence,
                combine(
                        set("spaceId", event.spaceId().toString()),
                        set("publicKey", event.publicKey()),
                        set("fingerprint", event.keyId()),
                        set("registeredAt", Views.date(at))),
                true);
    }
}
