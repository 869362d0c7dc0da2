package dev.ledgerloop.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import dev.ledgerloop.query.projection.Projection;
import dev.ledgerloop.standalone.LedgerloopSystem;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.RawBsonDocument;
import org.springframework.context.ApplicationContext;

/**
 * Every document of every view a rebuild of {@code all} writes, read once through the driver and decoded with
 * mongo-java-server's codec: the documents as the embedded store holds them, by collection.
 */
record ViewDocuments(Map<String, List<Document>> byCollection) {

    /** A view of the system: its projection, and the database its live instance writes. */
    record LiveView(Projection projection, MongoDatabase database) {}

    /** Every view of the system's contexts. */
    static List<LiveView> liveViews(LedgerloopSystem system) {
        List<LiveView> views = new ArrayList<>();
        for (ApplicationContext context : system.backendContexts()) {
            for (Projection projection :
                    context.getBeansOfType(Projection.class).values()) {
                views.add(new LiveView(projection, context.getBean(MongoDatabase.class)));
            }
        }
        if (views.isEmpty()) {
            throw new IllegalStateException("no view found in the system's contexts");
        }
        return views;
    }

    static ViewDocuments of(LedgerloopSystem system) {
        Map<String, List<Document>> byCollection = new TreeMap<>();
        try (MongoClient client = MongoClients.create(system.mongoConnectionString())) {
            for (LiveView view : liveViews(system)) {
                MongoDatabase database = client.getDatabase(view.database().getName());
                for (String collection : view.projection().collections()) {
                    byCollection.put(
                            database.getName() + "." + collection,
                            documentsOf(database.getCollection(collection, RawBsonDocument.class)));
                }
            }
        }
        return new ViewDocuments(byCollection);
    }

    private static List<Document> documentsOf(MongoCollection<RawBsonDocument> collection) {
        List<Document> documents = new ArrayList<>();
        for (RawBsonDocument raw : collection.find()) {
            org.bson.ByteBuf buffer = raw.getByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            documents.add(BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes)));
        }
        return documents;
    }

    long documents() {
        return byCollection.values().stream().mapToLong(List::size).sum();
    }

    int collections() {
        return byCollection.size();
    }
}
