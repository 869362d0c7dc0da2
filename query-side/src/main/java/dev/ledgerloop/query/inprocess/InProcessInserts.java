package dev.ledgerloop.query.inprocess;

import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;

/**
 * Inserts into the views' own MongoDB server from inside its process, when the query side shares the JVM of an
 * embedded mongo-java-server (the embedded default): documents in the server's own form go to its insert command as
 * its wire handler would hand them over, without the driver's encoding, the socket and the server's decoding. A
 * rebuild copies the views it built in memory into their copies this way (docs/replay.md §Rebuild). Against any other
 * server there is no such bean, and the copy goes through the driver.
 */
public interface InProcessInserts {
    /**
     * How many documents a rebuild's copy inserts at a time: {@link #fill} hands this many to one {@link #insertMany}.
     */
    int FILL_BATCH = 1_000;

    /**
     * Inserts the documents in their order, as an ordered {@code insertMany}: all of them, or those before the first
     * refused one and then an {@link IllegalStateException} naming the server's error.
     */
    void insertMany(String database, String collection, List<Document> documents);

    /**
     * Fills an empty collection with {@code documents}, given in the order of their {@code _id}: {@value #FILL_BATCH}
     * at a time, each batch as {@link #insertMany}. A server may keep the collection's secondary indexes out of the
     * batches and fill them once the documents are in, each in its own order, which is cheaper than entering the
     * documents one by one out of that order; the collection is whole when this returns.
     */
    default void fill(String database, String collection, List<Document> documents) {
        for (List<Document> batch : batches(documents, FILL_BATCH)) {
            insertMany(database, collection, batch);
        }
    }

    /** {@code items} in consecutive views of {@code size} items, the last one shorter if need be. */
    static <T> List<List<T>> batches(List<T> items, int size) {
        List<List<T>> batches = new ArrayList<>((items.size() + size - 1) / size);
        for (int from = 0; from < items.size(); from += size) {
            batches.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return batches;
    }
}
