package dev.ledgerloop.query;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * What every projection does the same way. Writes are idempotent (DESIGN §4): an insert of something already there
 * is a no-op, and updates are guarded by the aggregate sequence number the view has reached.
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

    public static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    public static Instant instant(Object date) {
        return date == null ? null : ((Date) date).toInstant();
    }
}
