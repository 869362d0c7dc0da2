package dev.ledgerloop.service.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteError;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Idempotent MongoDB writes, for the query side's views and the command side's own records alike: an insert of
 * something already there is a no-op, and updates are guarded by the aggregate sequence number the document has
 * reached, so a replayed or out-of-date event changes nothing.
 */
public final class GuardedWrites {
    /** The field holding the sequence number of the last event a document reflects. */
    public static final String VERSION = "version";

    private GuardedWrites() {}

    /** Inserts the document unless one with its id is there already; true if it was inserted. */
    public static boolean insertOnce(MongoCollection<Document> collection, Document document) {
        try {
            collection.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (isDuplicateKey(e.getError())) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Inserts each document unless one with its id is there already, in their order: one {@code insertMany} when
     * none is there (the common case), and from the first that is, one at a time.
     */
    public static void insertAllOnce(MongoCollection<Document> collection, List<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        try {
            collection.insertMany(documents);
        } catch (MongoBulkWriteException e) {
            // An ordered insertMany stops at its first error: everything before it is in, nothing after it.
            BulkWriteError first = e.getWriteErrors().get(0);
            if (!isDuplicateKey(first)) {
                throw e;
            }
            for (Document document : documents.subList(first.getIndex() + 1, documents.size())) {
                insertOnce(collection, document);
            }
        }
    }

    /**
     * Applies {@code changes} to the document with id {@code id} unless it already reflects the aggregate's event
     * {@code sequence} or a later one; with {@code upsert} a missing document is created. True if applied.
     */
    public static boolean updateGuarded(
            MongoCollection<Document> collection, String id, long sequence, Bson changes, boolean upsert) {
        try {
            collection.updateOne(
                    Filters.and(Filters.eq("_id", id), Filters.lt(VERSION, sequence)),
                    Updates.combine(changes, Updates.set(VERSION, sequence)),
                    new UpdateOptions().upsert(upsert));
            return true;
        } catch (MongoWriteException e) {
            // The upsert met the document at this sequence or later: the guard worked.
            if (isDuplicateKey(e.getError())) {
                return false;
            }
            throw e;
        }
    }

    private static boolean isDuplicateKey(WriteError error) {
        return error.getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
