package dev.ledgerloop.events.crypto;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;

/** Wrapped data keys in the MongoDB collection {@code keyring}, one document per stream (unique index). */
public final class MongoWrappedKeyStore implements WrappedKeyStore {
    public static final String COLLECTION = "keyring";
    /** A tombstone: the stream was shredded, its key is gone and is never created again. */
    static final String SHREDDED = "shredded";

    private final MongoCollection<Document> keys;

    /** Creates the unique index on {@code streamId} if it is missing. */
    public MongoWrappedKeyStore(MongoDatabase database) {
        // Losing an acknowledged key loses its stream's content: writes wait for a journaled majority.
        this.keys = database.getCollection(COLLECTION)
                .withWriteConcern(WriteConcern.MAJORITY.withJournal(true))
                .withReadPreference(ReadPreference.primary());
        keys.createIndex(Indexes.ascending("streamId"), new IndexOptions().unique(true));
    }

    @Override
    public Optional<WrappedKey> find(String streamId) {
        Document document = keys.find(Filters.eq("streamId", streamId)).first();
        if (document != null && document.getBoolean(SHREDDED, false)) {
            throw WrappedKeyStore.shredded(streamId);
        }
        return Optional.ofNullable(document).map(MongoWrappedKeyStore::fromDocument);
    }

    @Override
    public WrappedKey insertIfAbsent(WrappedKey key) {
        try {
            keys.insertOne(toDocument(key));
            return key;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return find(key.streamId())
                    .orElseThrow(() -> new IllegalStateException(
                            "The data key of stream " + key.streamId() + " was deleted while being created"));
        }
    }

    @Override
    public boolean delete(String streamId) {
        return keys.deleteOne(Filters.eq("streamId", streamId)).getDeletedCount() > 0;
    }

    @Override
    public void tombstone(String streamId, Instant at) {
        try {
            writeTombstone(streamId, at);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Two upserts raced and the other inserted: the document exists now, so this one updates it.
            writeTombstone(streamId, at);
        }
    }

    private void writeTombstone(String streamId, Instant at) {
        keys.updateOne(
                Filters.eq("streamId", streamId),
                Updates.combine(
                        Updates.set(SHREDDED, true),
                        Updates.set("shreddedAt", Date.from(at)),
                        Updates.unset("wrapped"),
                        Updates.unset("keyId")),
                new UpdateOptions().upsert(true));
    }

    private static Document toDocument(WrappedKey key) {
        return new Document("streamId", key.streamId())
                .append("spaceId", key.spaceId())
                .append("keyId", key.keyId())
                .append("wrapped", new Binary(key.wrapped()))
                .append("createdAt", Date.from(key.createdAt()));
    }

    private static WrappedKey fromDocument(Document document) {
        return new WrappedKey(
                document.getString("streamId"),
                document.getString("spaceId"),
                document.getString("keyId"),
                document.get("wrapped", Binary.class).getData(),
                document.getDate("createdAt").toInstant());
    }
}
