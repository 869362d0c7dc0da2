package dev.ledgerloop.query.inprocess;

import de.bwaldvogel.mongo.bson.Document;
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
     * Inserts the documents in their order, as an ordered {@code insertMany}: all of them, or those before the first
     * refused one and then an {@link IllegalStateException} naming the server's error.
     */
    void insertMany(String database, String collection, List<Document> documents);
}
