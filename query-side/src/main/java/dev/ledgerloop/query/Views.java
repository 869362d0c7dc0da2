package dev.ledgerloop.query;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * What every projection does the same way. Writes are idempotent (docs/architecture.md §Query side): an insert of
 * something already there is a no-op, and updates are guarded by the aggregate sequence number the view has reached.
 */
public final class Views {
    public static final String VERSION = "version";

    private Views() {}

    /** Inserts the document unless one with its id is there already; true if it was inserted. */
    public static boolean insertOnce(MongoCollection<Document> collection, Document document) {
        try {
            collection.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Applies {@code changes} to the document with id {@code id} unless it already reflects the aggregate's event
     * {@code sequence} or a later one; with {@code upsert} a missing document is created. A replayed or out-of-date
     * event changes nothing.
     */
    public static void updateGuarded(
            MongoCollection<Document> collection, String id, long sequence, Bson changes, boolean upsert) {
        try {
            collection.updateOne(
                    Filters.and(Filters.eq("_id", id), Filters.lt(VERSION, sequence)),
                    Updates.combine(changes, Updates.set(VERSION, sequence)),
                    new UpdateOptions().upsert(upsert));
        } catch (MongoWriteException e) {
            // The upsert met the document at a later version: the guard worked.
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    public static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    public static Instant instant(Object date) {
        return date == null ? null : ((Date) date).toInstant();
    }
}
