package dev.ledgerloop.query.projection;

import com.mongodb.client.MongoCollection;
import dev.ledgerloop.service.mongo.GuardedWrites;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Inserts a view gathers over a batch and makes in one {@code insertMany} ({@link GuardedWrites#insertAllOnce}): as the
 * batch's last event has been handled, or when the view calls {@link #writeGathered} before any other write that could
 * meet one of them (an update of a gathered document, a deletion by session), so that the view's writes keep their
 * order.
 */
public final class PendingInserts implements BatchEndWrites.Pending {
    private final MongoCollection<Document> collection;
    private final List<Document> documents = new ArrayList<>();

    private PendingInserts(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    /**
     * Inserts the document unless one with its id is there already: at once where the event is handled alone, else
     * with the batch's other inserts under {@code key}.
     */
    public static void insertOnce(String key, MongoCollection<Document> collection, Document document) {
        PendingInserts pending = BatchEndWrites.inBatch(key, () -> new PendingInserts(collection));
        if (pending == null) {
            GuardedWrites.insertOnce(collection, document);
        } else {
            pending.documents.add(document);
        }
    }

    /** Makes the inserts gathered under {@code key} so far, if any. */
    public static void writeGathered(String key) {
        PendingInserts pending = BatchEndWrites.inBatch(key, () -> null);
        if (pending != null) {
            pending.write();
        }
    }

    @Override
    public void write() {
        GuardedWrites.insertAllOnce(collection, documents);
        documents.clear();
    }
}
