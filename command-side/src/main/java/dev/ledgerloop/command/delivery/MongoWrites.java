package dev.ledgerloop.command.delivery;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Idempotent writes of the command side's own records, as the query side's views make them (DESIGN §4). */
final class MongoWrites {
    static final String VERSION = "version";

    private MongoWrites() {}

    /** Inserts the document unless one with its id is there already. */
    static void insertOnce(MongoCollection<Document> collection, Document document) {
        try {
            collection.insertOne(document);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /**
     * Applies the changes an aggregate's event with that sequence number makes, creating the document if needed,
     * unless an event at or after that sequence was applied already. True if applied.
     */
    static boolean upsertAfter(MongoCollection<Document> collection, String id, long sequence, Bson changes) {
        try {
            collection.updateOne(
                    and(eq("_id", id), lt(VERSION, sequence)),
                    Updates.combine(changes, Updates.set(VERSION, sequence)),
                    new UpdateOptions().upsert(true));
            return true;
        } catch (MongoWriteException e) {
            // The document is at this sequence or later: the upsert's insert collides with it.
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false;
        }
    }
}
