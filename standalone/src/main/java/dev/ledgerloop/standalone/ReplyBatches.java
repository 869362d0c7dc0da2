package dev.ledgerloop.standalone;

import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.Cursor;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;

/**
 * Batches of a query's documents no larger than a real MongoDB server sends in one reply (16 MiB of documents).
 * mongo-java-server answers a {@code find} without a batch size, an {@code aggregate}, and every {@code getMore}, with
 * all the documents left, and the driver refuses a reply over 48 MB, so a plain {@code find} over a large collection
 * failed.
 */
final class ReplyBatches {
    /** What MongoDB puts in one batch at most: its largest document size, 16 MiB. */
    static final int MAX_BATCH_BYTES = 16 * 1024 * 1024;

    private static final String FIRST_BATCH = "firstBatch";

    private ReplyBatches() {}

    /**
     * The answer to a {@code find} or {@code aggregate} command with a first batch that fits and, when documents are
     * left, a cursor that hands them out in batches that fit: the server's own cursor, which hands out as many as
     * asked whatever their size, is replaced under the same id.
     */
    static Document bounded(Document answer, CursorRegistry cursors) {
        if (!(answer.get("cursor") instanceof Document cursor)
                || !(cursor.get(FIRST_BATCH) instanceof List<?> batch)
                || !(cursor.get("id") instanceof Long id)) {
            return answer;
        }
        @SuppressWarnings("unchecked")
        List<Document> documents = (List<Document>) batch;
        int asked = 0;
        if (id != 0) {
            // The server filled the first batch to the batch size asked and kept the rest in a cursor of its own.
            asked = documents.size();
            Cursor left = cursors.getCursor(id);
            documents = new ArrayList<>(documents);
            documents.addAll(left.takeDocuments(Integer.MAX_VALUE));
            cursors.remove(left);
        }
        int first = fitting(documents, asked);
        if (id == 0 && first == documents.size()) {
            return answer;
        }
        cursor.put(FIRST_BATCH, documents.subList(0, first));
        if (first == documents.size()) {
            cursor.put("id", 0L);
        } else {
            BoundedCursor rest = new BoundedCursor(
                    id != 0 ? id : cursors.generateCursorId(), documents.subList(first, documents.size()));
            cursors.add(rest);
            cursor.put("id", rest.getId());
        }
        return answer;
    }

    /**
     * How many documents from the start of {@code documents} go into the next batch: at most {@code batchSize}
     * (unbounded when zero or less), and no more than fit {@link #MAX_BATCH_BYTES}, but always one.
     */
    static int fitting(List<Document> documents, int batchSize) {
        int limit = batchSize > 0 ? Math.min(batchSize, documents.size()) : documents.size();
        long bytes = 0;
        for (int count = 0; count < limit; count++) {
            bytes += BsonSizes.of(documents.get(count));
            if (bytes > MAX_BATCH_BYTES) {
                return Math.max(1, count);
            }
        }
        return limit;
    }

    /** The documents a query left for its {@code getMore} calls, handed out in batches that fit a reply. */
    static final class BoundedCursor extends AbstractCursor {
        private List<Document> remaining;

        BoundedCursor(long id, List<Document> remaining) {
            super(id);
            this.remaining = remaining;
        }

        @Override
        public synchronized boolean isEmpty() {
            return remaining.isEmpty();
        }

        @Override
        public synchronized List<Document> takeDocuments(int batchSize) {
            int count = fitting(remaining, batchSize);
            List<Document> batch = remaining.subList(0, count);
            remaining = remaining.subList(count, remaining.size());
            return batch;
        }
    }
}
