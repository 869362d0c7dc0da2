package dev.ledgerloop.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.MongoNamespace;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.RenameCollectionOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoTest {
    @TempDir
    Path dataDirectory;

    @Test
    void documents_written_through_the_real_driver_survive_a_restart() throws Exception {
        Path file = dataDirectory.resolve("mongo.mv");
        try (EmbeddedMongo mongo = EmbeddedMongo.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            collection(client).insertOne(new Document("_id", "s-1").append("status", "Active"));
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            Document found = collection(client).find(new Document("_id", "s-1")).first();
            assertThat(found).isNotNull();
            assertThat(found.getString("status")).isEqualTo("Active");
        }
    }

    /**
     * A crash (SIGKILL) leaves what the server had written to its file, so a copy of the file taken right after the
     * acknowledgements is what a restart after a crash would find. A write that asks for the journal must be in it:
     * the keyring's data keys are written so, and losing one makes its stream's events, already durable in the event
     * log, unreadable for good. The H2 store by itself commits only about once a second.
     */
    @Test
    void journaled_writes_are_in_the_file_when_acknowledged_as_a_crash_would_find_it() throws Exception {
        Path file = dataDirectory.resolve("mongo.mv");
        Path afterCrash = dataDirectory.resolve("crashed").resolve("mongo.mv");
        try (EmbeddedMongo mongo = EmbeddedMongo.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> keys = client.getDatabase("ledgerloop")
                    .getCollection("keyring")
                    .withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
            for (int i = 0; i < 20; i++) {
                keys.insertOne(new Document("_id", "key-" + i));
            }
            keys.updateOne(new Document("_id", "key-0"), new Document("$set", new Document("changed", true)));
            keys.deleteOne(new Document("_id", "key-1"));
            Files.createDirectories(afterCrash.getParent());
            Files.copy(file, afterCrash);
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.start(afterCrash, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> keys = client.getDatabase("ledgerloop").getCollection("keyring");
            assertThat(keys.countDocuments()).isEqualTo(19);
            assertThat(keys.find(new Document("_id", "key-0")).first()).containsEntry("changed", true);
            assertThat(keys.find(new Document("_id", "key-1")).first()).isNull();
        }
    }

    /**
     * A processor writes a view document, then moves its token past the event (two collections). A crash may lose
     * the latest writes, but what it leaves must be a prefix of them: never the token without the view write before
     * it, or the replay after the restart starts behind the token and the view misses that event for good. The H2
     * store's own commits captured one collection before and the other after such a pair of writes.
     */
    @Test
    void what_a_crash_leaves_is_a_prefix_of_the_writes_across_collections() throws Exception {
        Path file = dataDirectory.resolve("mongo.mv");
        try (EmbeddedMongo mongo = EmbeddedMongo.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase database = client.getDatabase("ledgerloop");
            AtomicBoolean writing = new AtomicBoolean(true);
            CompletableFuture<Void> processor = CompletableFuture.runAsync(() -> {
                for (int event = 1; writing.get(); event++) {
                    database.getCollection("view")
                            .insertOne(new Document("_id", event).append("pad", "x".repeat(2000)));
                    database.getCollection("tokens")
                            .replaceOne(
                                    new Document("_id", "token"),
                                    new Document("_id", "token").append("event", event),
                                    new com.mongodb.client.model.ReplaceOptions().upsert(true));
                }
            });
            try {
                for (int crash = 0; crash < 12; crash++) {
                    Path afterCrash = dataDirectory.resolve("crash-" + crash).resolve("mongo.mv");
                    Files.createDirectories(afterCrash.getParent());
                    await().atMost(Duration.ofSeconds(30))
                            .pollInterval(Duration.ofMillis(150))
                            .until(() -> Files.size(file) > 0);
                    Files.copy(file, afterCrash);
                    assertPrefix(afterCrash);
                }
            } finally {
                writing.set(false);
                processor.get(1, TimeUnit.MINUTES);
            }
        }
    }

    private static void assertPrefix(Path afterCrash) throws Exception {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(afterCrash, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase database = client.getDatabase("ledgerloop");
            Document token = database.getCollection("tokens").find().first();
            long views = database.getCollection("view").countDocuments();
            if (token != null) {
                assertThat(views)
                        .as("view documents left with the token at event %d", token.getInteger("event"))
                        .isGreaterThanOrEqualTo(token.getInteger("event"));
            }
        }
    }

    @Test
    void a_reader_sees_the_old_or_the_new_collection_while_another_is_renamed_over_it() throws Exception {
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDirectory.resolve("mongo.mv"), "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase database = client.getDatabase("ledgerloop");
            List<Document> documents =
                    IntStream.range(0, 20).mapToObj(i -> new Document("_id", i)).toList();
            database.getCollection("view").insertMany(documents);
            AtomicBoolean renaming = new AtomicBoolean(true);
            Set<Long> counts = ConcurrentHashMap.newKeySet();
            CompletableFuture<Void> reads = CompletableFuture.runAsync(
                    () -> {
                        while (renaming.get()) {
                            counts.add(database.getCollection("view").countDocuments());
                        }
                    },
                    reader);

            for (int i = 0; i < 100; i++) {
                database.getCollection("fresh").insertMany(documents);
                database.getCollection("fresh")
                        .renameCollection(
                                new MongoNamespace("ledgerloop", "view"),
                                new RenameCollectionOptions().dropTarget(true));
            }
            renaming.set(false);
            reads.get();

            assertThat(counts).containsExactly(20L);
        } finally {
            reader.shutdownNow();
        }
    }

    @Test
    void a_renamed_collection_keeps_its_documents_and_indexes_across_a_restart_and_its_old_name_is_free()
            throws Exception {
        Path file = dataDirectory.resolve("mongo.mv");
        try (EmbeddedMongo mongo = EmbeddedMongo.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase database = client.getDatabase("ledgerloop");
            database.getCollection("view").insertOne(new Document("_id", "old"));
            database.getCollection("fresh").createIndex(new Document("sessionId", 1));
            database.getCollection("fresh").insertOne(new Document("_id", "new").append("sessionId", "s"));

            database.getCollection("fresh")
                    .renameCollection(
                            new MongoNamespace("ledgerloop", "view"), new RenameCollectionOptions().dropTarget(true));
            database.getCollection("fresh").insertOne(new Document("_id", "new"));
            database.getCollection("fresh").drop();
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase database = client.getDatabase("ledgerloop");
            assertThat(database.getCollection("view").find().into(new java.util.ArrayList<>()))
                    .containsExactly(new Document("_id", "new").append("sessionId", "s"));
            assertThat(database.getCollection("view").listIndexes().into(new java.util.ArrayList<>()))
                    .extracting(index -> index.getString("name"))
                    .containsExactlyInAnyOrder("_id_", "sessionId_1");
            assertThat(database.listCollectionNames().into(new java.util.ArrayList<>()))
                    .containsExactly("view");
        }
    }

    private static MongoCollection<Document> collection(MongoClient client) {
        return client.getDatabase("ledgerloop").getCollection("sessions");
    }
}
