package dev.ledgerloop.query.keys;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.events.human.HumanIds;
import dev.ledgerloop.query.Views;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Reads the {@code public_keys} view: the keys registered now. */
@Component
class PublicKeyReader {
    private final MongoCollection<Document> keys;

    PublicKeyReader(MongoDatabase database) {
        this.keys = database.getCollection(PublicKeysProjection.COLLECTION);
    }

    /** A registered key: an X25519 key and its id, the Ed25519 signing key and its id (humans only, may be null). */
    record Key(String publicKey, String fingerprint, String signingPublicKey, String signingKeyId, Instant at) {}

    static String agentKey(UUID agentId) {
        return "agent:" + agentId;
    }

    static String humanKey(UUID humanId) {
        return "human:" + humanId;
    }

    static String spaceKey(UUID spaceId) {
        return "space:" + spaceId;
    }

    Optional<Key> agent(UUID spaceId, UUID agentId) {
        return find(agentKey(agentId), spaceId);
    }

    Optional<Key> human(UUID spaceId, String userId) {
        return find(humanKey(HumanIds.of(spaceId, userId)), spaceId);
    }

    Optional<Key> space(UUID spaceId) {
        return find(spaceKey(spaceId), spaceId);
    }

    private Optional<Key> find(String id, UUID spaceId) {
        return Optional.ofNullable(keys.find(eq("_id", id)).first())
                .filter(document -> spaceId.toString().equals(document.getString("spaceId")))
                .map(document -> new Key(
                        document.getString("publicKey"),
                        document.getString("fingerprint"),
                        document.getString("signingPublicKey"),
                        document.getString("signingKeyId"),
                        Views.instant(document.get("registeredAt"))));
    }
}
