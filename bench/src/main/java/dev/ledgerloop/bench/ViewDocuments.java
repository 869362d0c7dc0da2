package dev.ledgerloop.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import dev.ledgerloop.query.projection.Projection;
import dev.ledgerloop.standalone.LedgerloopSystem;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;
import org.springframework.context.ApplicationContext;

/**
 * Every document of every view a rebuild of {@code all} writes, read once through the driver and decoded with
 * mongo-java-server's codec: the documents as the embedded store holds them, by collection.
 */
record ViewDocuments(Map<String, List<Document>> byCollection) {
    private static final int PAGE = 1_000;

    static ViewDocuments of(LedgerloopSystem system) {
        Map<String, List<Document>> byCollection = new TreeMap<>();
        try (MongoClient client = MongoClients.create(system.mongoConnectionString())) {
            for (ApplicationContext context : system.backendContexts()) {
                for (Projection projection :
                        context.getBeansOfType(Projection.class).values()) {
                    MongoDatabase database = client.getDatabase(
                            context.getBean(MongoDatabase.class).getName());
                    for (String collection : projection.collections()) {
                        byCollection.put(
                                database.getName() + "." + collection,
                                documentsOf(database.getCollection(collection, RawBsonDocument.class)));
                    }
                }
            }
        }
        if (byCollection.isEmpty()) {
            throw new IllegalStateException("no view found in the system's contexts");
        }
        return new ViewDocuments(byCollection);
    }

    /**
     * Page by page in {@code _id} order: mongo-java-server answers a {@code find} in one reply whatever the batch
     * size, and a large view's reply is more than the driver takes.
     */
    private static List<Document> documentsOf(MongoCollection<RawBsonDocument> collection) {
        List<Document> documents = new ArrayList<>();
        BsonValue last = null;
        while (true) {
            Bson filter = last == null ? new BsonDocument() : Filters.gt("_id", last);
            int before = documents.size();
            for (RawBsonDocument raw :
                    collection.find(filter).sort(Sorts.ascending("_id")).limit(PAGE)) {
                org.bson.ByteBuf buffer = raw.getByteBuffer();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                documents.add(BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes)));
                last = raw.get("_id");
            }
            if (documents.size() - before < PAGE) {
                return documents;
            }
        }
    }

    /**
     * A fresh instance of every view's handlers, each in Axon's adapter as a rebuild holds it; given the live database,
     * but only asked what they handle.
     */
    List<AnnotationEventHandlerAdapter> handlers(LedgerloopSystem system) {
        List<AnnotationEventHandlerAdapter> handlers = new ArrayList<>();
        for (ApplicationContext context : system.backendContexts()) {
            for (Projection projection :
                    context.getBeansOfType(Projection.class).values()) {
                handlers.add(
                        new AnnotationEventHandlerAdapter(projection.writingTo(context.getBean(MongoDatabase.class))));
            }
        }
        return handlers;
    }

    long documents() {
        return byCollection.values().stream().mapToLong(List::size).sum();
    }

    int collections() {
        return byCollection.size();
    }
}
