package dev.ledgerloop.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.ledgerloop.query.ViewDatabases;
import dev.ledgerloop.query.inprocess.InProcessInserts;
import dev.ledgerloop.query.inprocess.InProcessMongo;
import dev.ledgerloop.query.inprocess.IndexedMemoryBackend;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A rebuild's views, built in the in-process store, reach their live names whole: copied into the copies through the
 * driver (any MongoDB server) or by the views' server's own insert command from its JVM (the embedded default), then
 * renamed over the live collections.
 */
class FreshCollectionsTest {
    private static final List<String> VIEWS = List.of("feed", "usage", "never_written");
    private static final ExecutorService COPIERS = Executors.newFixedThreadPool(2);

    @AfterAll
    static void stopCopiers() {
        COPIERS.shutdownNow();
    }

    static Stream<Named<Supplier<MongoDatabase>>> serversOverTheWire() {
        return ViewDatabases.servers().filter(server -> !server.getName().contains("in process"));
    }

    @ParameterizedTest
    @MethodSource("serversOverTheWire")
    void views_copied_through_the_driver_replace_the_live_ones_document_for_document(Supplier<MongoDatabase> server) {
        MongoDatabase views = server.get();

        assertCopiedAndSwitched(views, null);
    }

    @Test
    void views_inserted_by_the_server_s_own_command_replace_the_live_ones_document_for_document() {
        MemoryBackend backend = new MemoryBackend();
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        try (MongoClient client =
                MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort())) {
            InProcessInserts inserts = (database, collection, documents) -> {
                de.bwaldvogel.mongo.bson.Document command = new de.bwaldvogel.mongo.bson.Document("insert", collection);
                command.put("ordered", Boolean.TRUE);
                command.put("documents", documents);
                EmbeddedChannel channel = new EmbeddedChannel();
                backend.handleCommand(channel, database, "insert", command);
                backend.handleClose(channel);
            };

            assertCopiedAndSwitched(client.getDatabase("views"), inserts);
        } finally {
            server.shutdownNow();
        }
    }

    private static void assertCopiedAndSwitched(MongoDatabase views, InProcessInserts inserts) {
        views.getCollection("feed").insertOne(new Document("_id", "stale").append("n", -1));
        InProcessMongo memory = new InProcessMongo(new IndexedMemoryBackend());
        MongoDatabase rebuilt = memory.database("rebuild");
        Random random = new Random(7);
        List<Document> feed = documents(random, 2_345);
        List<Document> usage = documents(random, 300);
        // Out of _id order, as a view inserts them; ordered inserts of a batch each.
        for (int from = 0; from < feed.size(); from += 500) {
            rebuilt.getCollection("feed").insertMany(feed.subList(from, Math.min(feed.size(), from + 500)));
        }
        rebuilt.getCollection("usage").insertMany(usage);
        FreshCollections fresh = new FreshCollections(views, VIEWS, COPIERS, inserts);

        fresh.recreate();
        fresh.copyFrom(memory, "rebuild");
        fresh.switchOver();

        assertThat(stored(views, "feed")).isEqualTo(sortedById(feed));
        assertThat(stored(views, "usage")).isEqualTo(sortedById(usage));
        assertThat(stored(views, "never_written")).isEmpty();
        List<String> names = views.listCollectionNames().into(new ArrayList<>());
        assertThat(names).containsAll(VIEWS).noneMatch(name -> name.startsWith(FreshCollections.PREFIX));
    }

    private static List<Document> documents(Random random, int count) {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            documents.add(new Document("_id", new UUID(random.nextLong(), random.nextLong()).toString())
                    .append("sessionId", "s-" + random.nextInt(40))
                    .append("version", (long) i)
                    .append("at", new Date(1_700_000_000_000L + random.nextInt(1_000_000)))
                    .append("content", new Document("text", "message " + i).append("parts", List.of(i, "x", 1.5)))
                    .append("flag", random.nextBoolean() ? null : Boolean.TRUE));
        }
        return documents;
    }

    private static List<Document> stored(MongoDatabase views, String name) {
        return views.getCollection(name).find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }

    private static List<Document> sortedById(List<Document> documents) {
        List<Document> sorted = new ArrayList<>(documents);
        sorted.sort((a, b) -> a.getString("_id").compareTo(b.getString("_id")));
        return sorted;
    }
}
