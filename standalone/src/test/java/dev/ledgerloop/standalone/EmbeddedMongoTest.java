package dev.ledgerloop.standalone;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.ConnectionString;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoNamespace;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.RenameCollectionOptions;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.ledgerloop.service.mongo.GuardedWrites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.bson.BsonBinarySubType;
import org.bson.BsonRegularExpression;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.MaxKey;
import org.bson.types.MinKey;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoTest {
    @TempDir
    Path dataDirectory;

    @Test
    void documents_written_through_the_real_driver_survive_a_restart() throws Exception {
        Path store = dataDirectory.resolve("mongo");
        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            collection(client).insertOne(new Document("_id", "s-1").append("status", "Active"));
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            Document found = collection(client).find(new Document("_id", "s-1")).first();
            assertThat(found).isNotNull();
            assertThat(found.getString("status")).isEqualTo("Active");
        }
    }

    /**
     * A collection larger than the driver takes in one reply (48 MB) is read whole by a plain {@code find}, as from a
     * real MongoDB server, which answers in batches; with and without a filter, a sort and a batch size (one whose
     * documents alone are more than a reply), and an aggregation.
     */
    @Test
    void a_collection_larger_than_one_reply_is_read_whole_in_batches() throws Exception {
        String padding = "x".repeat(2_000);
        int count = 30_000;
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDirectory.resolve("mongo"), "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> collection = collection(client);
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                documents.add(new Document("_id", String.format("d-%05d", i))
                        .append("kind", i % 2 == 0 ? "even" : "odd")
                        .append("padding", padding));
            }
            for (int from = 0; from < count; from += 1_000) {
                collection.insertMany(documents.subList(from, from + 1_000));
            }

            assertThat(idsRead(collection.find())).hasSize(count).doesNotHaveDuplicates();
            assertThat(idsRead(collection.find().batchSize(25_000)))
                    .hasSize(count)
                    .doesNotHaveDuplicates();
            assertThat(idsRead(collection.find(eq("kind", "even")))).hasSize(count / 2);
            assertThat(idsRead(collection.find().sort(Sorts.descending("_id"))))
                    .hasSize(count)
                    .isSortedAccordingTo(Comparator.reverseOrder());
            List<String> aggregated = new ArrayList<>();
            collection
                    .aggregate(List.of(Aggregates.sort(Sorts.ascending("_id"))))
                    .forEach(document -> aggregated.add(document.getString("_id")));
            assertThat(aggregated).hasSize(count).isSorted();
        }
    }

    private static List<String> idsRead(FindIterable<Document> found) {
        List<String> ids = new ArrayList<>();
        for (Document document : found) {
            ids.add(document.getString("_id"));
        }
        return ids;
    }

    /**
     * A rebuild's copies go into the embedded server from its own JVM (docs/replay.md §Rebuild): what the driver then
     * reads over the wire, through the collection's unique index too, is what was inserted; a duplicate stops the
     * ordered insert where MongoDB stops it and names the server's error; and the documents are in the file at the
     * next start.
     */
    @Test
    void documents_inserted_from_this_process_are_what_the_driver_reads_and_survive_a_restart() throws Exception {
        Path store = dataDirectory.resolve("mongo");
        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            collection(client).createIndex(new Document("key", 1), new IndexOptions().unique(true));
            List<de.bwaldvogel.mongo.bson.Document> documents = new ArrayList<>();
            for (int i = 0; i < 2_500; i++) {
                documents.add(new de.bwaldvogel.mongo.bson.Document("_id", "d-" + i)
                        .append("key", "k-" + i)
                        .append(
                                "nested",
                                new de.bwaldvogel.mongo.bson.Document("n", i).append("list", List.of(i, "x"))));
            }
            mongo.insertMany("ledgerloop", "sessions", documents.subList(0, 1_000));
            mongo.insertMany("ledgerloop", "sessions", documents.subList(1_000, 2_500));

            List<de.bwaldvogel.mongo.bson.Document> clash = List.of(
                    new de.bwaldvogel.mongo.bson.Document("_id", "d-new").append("key", "k-new"),
                    new de.bwaldvogel.mongo.bson.Document("_id", "d-other").append("key", "k-7"),
                    new de.bwaldvogel.mongo.bson.Document("_id", "d-never").append("key", "k-never"));
            assertThatThrownBy(() -> mongo.insertMany("ledgerloop", "sessions", clash))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ledgerloop.sessions")
                    .hasMessageContaining("duplicate key");

            assertThat(collection(client).countDocuments()).isEqualTo(2_501);
            assertThat(collection(client).find(eq("key", "k-1234")).first())
                    .isEqualTo(new Document("_id", "d-1234")
                            .append("key", "k-1234")
                            .append("nested", new Document("n", 1234).append("list", List.of(1234, "x"))));
            assertThat(collection(client).find(eq("_id", "d-new")).first()).isNotNull();
            assertThat(collection(client).find(eq("_id", "d-never")).first()).isNull();
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            assertThat(collection(client).countDocuments()).isEqualTo(2_501);
            assertThat(collection(client).find(eq("key", "k-2499")).first().getString("_id"))
                    .isEqualTo("d-2499");
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
        Path store = dataDirectory.resolve("mongo");
        Path afterCrash = dataDirectory.resolve("crashed");
        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> keys = client.getDatabase("ledgerloop")
                    .getCollection("keyring")
                    .withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
            for (int i = 0; i < 20; i++) {
                keys.insertOne(new Document("_id", "key-" + i));
            }
            keys.updateOne(new Document("_id", "key-0"), new Document("$set", new Document("changed", true)));
            keys.deleteOne(new Document("_id", "key-1"));
            Files.createDirectories(afterCrash);
            Files.copy(store.resolve(StoreFile.CURRENT), afterCrash.resolve(StoreFile.CURRENT));
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
     * Updates spread over many documents leave every chunk H2 wrote with a few live pages; without compaction that
     * keeps pace, the file grew with the volume written rather than with the data (6.8 GB for some 0.5 GB of live
     * pages after 200,000 events, the memory benchmark's load). Here the store commits ten times a second and keeps
     * no replaced chunk longer than it must: the file must stay within three times its data (32 MB with the
     * compaction before, 4 MiB once a minute; about 22 MB now).
     */
    @Test
    void updates_spread_over_many_documents_keep_the_file_near_the_size_of_its_data() throws Exception {
        Path store = dataDirectory.resolve("mongo");
        int documents = 10_000;
        int rounds = 4;
        String pad = "p".repeat(1_000);
        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0, Duration.ofMillis(100), Duration.ZERO);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> views = collection(client);
            for (int id = 0; id < documents; id++) {
                views.insertOne(new Document("_id", id).append("round", 0).append("pad", pad));
            }
            for (int round = 1; round <= rounds; round++) {
                for (int id = 0; id < documents; id++) {
                    views.updateOne(eq("_id", id), set("round", round));
                }
            }
            long data = (long) documents * pad.length();
            long file = Files.size(store.resolve(StoreFile.CURRENT));
            assertThat(file)
                    .as("the file's size after %,d updates of %,d bytes of data", documents * rounds, data)
                    .isLessThan(3 * data);
        }
    }

    /**
     * A rebuild's copy, batches inserted from this process as fast as the server takes them, is committed in chunks
     * whose table of contents H2 keeps in its cache (64 KiB, some 8,000 pages). The copy once wrote chunks of up to
     * 50,000 pages, and dropping those collections later (renaming the next rebuild's copies over them) read each
     * page's chunk table from the file again: 6 to 10 s with every command waiting.
     */
    @Test
    void a_copy_inserted_from_this_process_is_committed_in_chunks_whose_tables_of_contents_h2_can_cache()
            throws Exception {
        Path store = dataDirectory.resolve("mongo");
        String pad = "p".repeat(2_000);
        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0, Duration.ofHours(1));
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            collection(client).createIndex(new Document("sessionId", 1));
            List<de.bwaldvogel.mongo.bson.Document> batch = new ArrayList<>();
            for (int id = 0; id < 30_000; id++) {
                de.bwaldvogel.mongo.bson.Document document = new de.bwaldvogel.mongo.bson.Document();
                document.put("_id", String.format("m-%06d", id));
                document.put("sessionId", "s-" + id % 500);
                document.put("pad", pad);
                batch.add(document);
                if (batch.size() == 1_000) {
                    mongo.insertMany("ledgerloop", "sessions", batch);
                    batch.clear();
                }
            }
        }
        // A chunk is listed in the file's layout from the next commit on: one more write after a restart lists them
        // all.
        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0, Duration.ofHours(1));
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            collection(client).insertOne(new Document("_id", "after-restart"));
        }

        List<Integer> pages = chunkPages(store.resolve(StoreFile.CURRENT));
        assertThat(pages.stream().mapToInt(Integer::intValue).sum())
                .as("pages written in all, more than one chunk H2 can cache the table of")
                .isGreaterThan(CACHED_TOC_PAGES);
        assertThat(pages).as("pages of each chunk").allSatisfy(count -> assertThat(count)
                .isLessThan(CACHED_TOC_PAGES));
    }

    /** Each batch a copy inserts from this process is committed before the insert returns, not with the timed commit. */
    @Test
    void a_batch_inserted_from_this_process_is_in_the_file_when_the_insert_returns() throws Exception {
        Path store = dataDirectory.resolve("mongo");
        Path copied = Files.createDirectories(dataDirectory.resolve("copied"));
        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0, Duration.ofHours(1))) {
            mongo.insertMany(
                    "ledgerloop", "sessions", List.of(new de.bwaldvogel.mongo.bson.Document("_id", "inserted")));
            Files.copy(store.resolve(StoreFile.CURRENT), copied.resolve(StoreFile.CURRENT));
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.start(copied, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            assertThat(ids(collection(client).find())).containsExactly("inserted");
        }
    }

    private static String threadDump() {
        StringBuilder dump = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, frames) -> {
            dump.append('"')
                    .append(thread.getName())
                    .append("\" ")
                    .append(thread.getState())
                    .append('\n');
            for (StackTraceElement frame : frames) {
                dump.append("    at ").append(frame).append('\n');
            }
        });
        return dump.toString();
    }

    /** The most pages of a chunk whose table of contents (8 bytes a page) fits H2's cache of them (64 KiB an entry). */
    private static final int CACHED_TOC_PAGES = 8_000;

    private static List<Integer> chunkPages(Path file) {
        List<Integer> pages = new ArrayList<>();
        try (MVStore store =
                new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
            store.getLayoutMap().forEach((key, value) -> {
                if (key.startsWith("chunk.")) {
                    pages.add(Integer.parseInt(
                            org.h2.mvstore.DataUtils.parseMap(value).get("pages"), 16));
                }
            });
        }
        return pages;
    }

    /**
     * A stop while writes stream in keeps every write acknowledged before it: the store's own commit may be running
     * when the stop comes (here it commits back to back), and interrupting it in the middle of a write closed H2's
     * file channel, so the final commit at the stop could no longer write (found by the sessions benchmark's stop).
     */
    @Test
    void a_stop_during_a_stream_of_writes_keeps_every_acknowledged_write() throws Exception {
        Path store = dataDirectory.resolve("mongo");
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        for (int stop = 0; stop < 5; stop++) {
            int first = stop * 1_000_000;
            EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0, Duration.ofMillis(1));
            // The write under way when the server stops waits for a server to come back: by default 30 s, and again
            // for the driver's retry, which once outlasted the wait for the writer below (a fresh-clone CI run). Its
            // wait for a reply is bounded too, as the services' clients are (MongoConnections): a fresh-clone CI run
            // once found the writer still waiting a minute after the stop.
            try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString(mongo.connectionString()))
                    .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(2, TimeUnit.SECONDS))
                    .applyToSocketSettings(socket -> socket.readTimeout(10, TimeUnit.SECONDS))
                    .build())) {
                MongoCollection<Document> views = collection(client);
                AtomicBoolean writing = new AtomicBoolean(true);
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                    for (int id = first; writing.get(); id++) {
                        try {
                            views.insertOne(new Document("_id", id).append("pad", "x".repeat(4000)));
                            acknowledged.add(id);
                        } catch (RuntimeException stopped) {
                            return;
                        }
                    }
                });
                await().atMost(Duration.ofSeconds(30))
                        .until(() ->
                                acknowledged.stream().filter(id -> id >= first).count() > 1_500);
                mongo.close();
                writing.set(false);
                try {
                    writer.get(1, TimeUnit.MINUTES);
                } catch (TimeoutException stillWriting) {
                    throw new AssertionError("The writer still waits a minute after the stop:\n" + threadDump());
                }
            }
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            Set<Object> stored = Set.copyOf(ids(collection(client).find().projection(new Document("_id", 1))));
            assertThat(stored).containsAll(acknowledged);
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
        Path store = dataDirectory.resolve("mongo");
        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase database = client.getDatabase("ledgerloop");
            database.getCollection("view").createIndex(new Document("sessionId", 1));
            AtomicBoolean writing = new AtomicBoolean(true);
            CompletableFuture<Void> processor = CompletableFuture.runAsync(() -> {
                for (int event = 1; writing.get(); event++) {
                    database.getCollection("view")
                            .insertOne(new Document("_id", event)
                                    .append("sessionId", "s-" + event % 3)
                                    .append("pad", "x".repeat(2000)));
                    database.getCollection("tokens")
                            .replaceOne(
                                    new Document("_id", "token"),
                                    new Document("_id", "token").append("event", event),
                                    new com.mongodb.client.model.ReplaceOptions().upsert(true));
                }
            });
            try {
                for (int crash = 0; crash < 12; crash++) {
                    Path afterCrash = dataDirectory.resolve("crash-" + crash);
                    Files.createDirectories(afterCrash);
                    Path file = store.resolve(StoreFile.CURRENT);
                    await().atMost(Duration.ofSeconds(30))
                            .pollInterval(Duration.ofMillis(150))
                            .until(() -> Files.size(file) > 0);
                    Files.copy(file, afterCrash.resolve(StoreFile.CURRENT));
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
            for (String session : List.of("s-0", "s-1", "s-2")) {
                // Only the ids: the writer outruns the checks, and a session's whole documents outgrew a reply.
                assertThat(ids(database.getCollection("view")
                                .find(eq("sessionId", session))
                                .projection(new Document("_id", 1))))
                        .containsExactlyInAnyOrderElementsOf(ids(database.getCollection("view")
                                .find(or(eq("sessionId", session)))
                                .projection(new Document("_id", 1))));
            }
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
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDirectory.resolve("mongo"), "127.0.0.1", 0);
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

    /**
     * The server answers a query with the documents it matched, encoding them after it let go of the collection: an
     * update changing such a document in place then sent a document the filter did not match (an await handed out an
     * answer already acknowledged: status "Completed" from a query for "Pending").
     */
    @Test
    void a_query_answers_documents_as_they_matched_while_they_are_updated() throws Exception {
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDirectory.resolve("mongo"), "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> items = client.getDatabase("ledgerloop").getCollection("items");
            String padding = "x".repeat(2_000);
            items.insertMany(IntStream.range(0, 600)
                    .mapToObj(i -> new Document("_id", "m-" + i)
                            .append("sessionId", "s-1")
                            .append("sequence", (long) i)
                            .append("status", "Pending")
                            .append("padding", padding)
                            .append(GuardedWrites.VERSION, 0L))
                    .toList());
            AtomicBoolean updating = new AtomicBoolean(true);
            List<String> unmatched = new ArrayList<>();
            Runnable read = () -> {
                while (updating.get()) {
                    for (Document item : items.find(and(eq("sessionId", "s-1"), eq("status", "Pending")))
                            .sort(new Document("sequence", -1))) {
                        if (!"Pending".equals(item.getString("status"))) {
                            synchronized (unmatched) {
                                unmatched.add(item.getString("_id") + " " + item.getString("status"));
                            }
                        }
                    }
                }
            };
            CompletableFuture<Void> reads = CompletableFuture.allOf(
                    CompletableFuture.runAsync(read, readers), CompletableFuture.runAsync(read, readers));

            for (int i = 599; i >= 0; i--) {
                GuardedWrites.updateGuarded(items, "m-" + i, 1, set("status", "Completed"), false);
            }
            updating.set(false);
            reads.get(60, TimeUnit.SECONDS);

            assertThat(unmatched).isEmpty();
            assertThat(items.countDocuments(eq("status", "Completed"))).isEqualTo(600);
        } finally {
            readers.shutdownNow();
        }
    }

    @Test
    void a_renamed_collection_keeps_its_documents_and_indexes_across_a_restart_and_its_old_name_is_free()
            throws Exception {
        Path store = dataDirectory.resolve("mongo");
        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase database = client.getDatabase("ledgerloop");
            database.getCollection("view").insertOne(new Document("_id", "old"));
            database.getCollection("fresh").createIndex(new Document("sessionId", 1));
            database.getCollection("fresh").createIndex(new Document("keyHash", 1), new IndexOptions().unique(true));
            database.getCollection("fresh")
                    .insertOne(
                            new Document("_id", "new").append("sessionId", "s").append("keyHash", "h"));

            database.getCollection("fresh")
                    .renameCollection(
                            new MongoNamespace("ledgerloop", "view"), new RenameCollectionOptions().dropTarget(true));
            database.getCollection("fresh").insertOne(new Document("_id", "new").append("keyHash", "h"));
            database.getCollection("fresh").drop();
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase database = client.getDatabase("ledgerloop");
            MongoCollection<Document> view = database.getCollection("view");
            assertThat(view.find().into(new java.util.ArrayList<>()))
                    .containsExactly(
                            new Document("_id", "new").append("sessionId", "s").append("keyHash", "h"));
            assertThat(view.listIndexes().into(new java.util.ArrayList<>()))
                    .extracting(index -> index.getString("name"))
                    .containsExactlyInAnyOrder("_id_", "sessionId_1", "keyHash_1");
            assertSameAsScan(view, eq("sessionId", "s"), "new");
            assertThat(ids(view.find(eq("keyHash", "h")))).containsExactly("new");
            assertDuplicate(() -> view.insertOne(new Document("_id", "new")));
            assertDuplicate(() -> view.insertOne(new Document("_id", "other").append("keyHash", "h")));
            assertThat(database.listCollectionNames().into(new java.util.ArrayList<>()))
                    .containsExactly("view");
        }
    }

    /**
     * A filter that requires an {@code _id} is served from the {@code _id} index and the rest of the filter applied
     * to that document; the matched documents must be those a scan finds, as MongoDB's rules say. {@code $or} of the
     * one filter is the same filter to MongoDB but is not served by the index, so it gives the scan's answer.
     */
    @Test
    void filters_that_require_an_id_match_what_a_scan_matches() throws Exception {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDirectory.resolve("mongo"), "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> views = collection(client);
            views.insertMany(List.of(
                    new Document("_id", "a").append("version", 3L).append("tags", List.of("x", "y")),
                    new Document("_id", "b").append("version", 7L),
                    new Document("_id", 1).append("kind", "int"),
                    new Document("_id", 2.0).append("kind", "double"),
                    new Document("_id", new Document("k", 1)).append("kind", "embedded")));

            Map<Bson, List<Object>> expected = new LinkedHashMap<>();
            expected.put(and(eq("_id", "a"), lt("version", 5L)), List.of("a"));
            expected.put(and(eq("_id", "a"), lt("version", 3L)), List.of());
            expected.put(and(eq("_id", "b"), gte("version", 7)), List.of("b"));
            expected.put(and(eq("_id", "missing"), lt("version", 5L)), List.of());
            expected.put(new Document("_id", "a").append("version", 3), List.of("a"));
            expected.put(
                    new Document("_id", "a").append("$or", List.of(eq("version", 1), eq("version", 3))), List.of("a"));
            expected.put(and(and(eq("_id", "a")), eq("tags", "y")), List.of("a"));
            expected.put(and(eq("_id", "a"), eq("tags", "z")), List.of());
            expected.put(and(eq("_id", "a"), eq("_id", "b")), List.of());
            expected.put(and(eq("_id", 1L), exists("version", false)), List.of(1));
            expected.put(and(eq("_id", 2), eq("kind", "double")), List.of(2.0));
            expected.put(and(eq("_id", new Document("k", 1)), eq("kind", "embedded")), List.of(new Document("k", 1)));
            expected.put(and(in("_id", "a", "b"), gt("version", 4)), List.of("b"));
            expected.put(in("_id", "a", "a", "missing", "b"), List.of("a", "b"));
            expected.put(in("_id", "a", 1L, 2), List.of("a", 1, 2.0));
            expected.put(in("_id", List.of()), List.of());
            expected.put(or(eq("_id", "a"), eq("_id", "b")), List.of("a", "b"));

            expected.forEach((filter, ids) -> {
                assertThat(ids(views.find(filter))).as("%s", filter).containsExactlyInAnyOrderElementsOf(ids);
                assertThat(ids(views.find(filter))).as("%s", filter).isEqualTo(ids(views.find(or(filter))));
                assertThat(views.countDocuments(filter)).as("%s", filter).isEqualTo(ids.size());
            });
            assertThat(ids(views.find(and(eq("_id", "a"), lt("version", 5L))).skip(1)))
                    .isEmpty();
            assertThat(views.find(and(eq("_id", "a"), lt("version", 5L)))
                            .projection(new Document("version", 1))
                            .first())
                    .isEqualTo(new Document("_id", "a").append("version", 3L));

            assertThat(views.updateOne(and(eq("_id", "a"), lt("version", 3L)), set("seen", true))
                            .getMatchedCount())
                    .isZero();
            assertThat(views.updateMany(and(eq("_id", "a"), lt("version", 4L)), set("seen", true))
                            .getModifiedCount())
                    .isEqualTo(1);
            assertThat(views.deleteMany(and(eq("_id", "b"), gt("version", 7L))).getDeletedCount())
                    .isZero();
            assertThat(views.deleteOne(and(eq("_id", "b"), lte("version", 7L))).getDeletedCount())
                    .isEqualTo(1);
            assertThat(views.findOneAndUpdate(and(eq("_id", "a"), eq("seen", true)), set("version", 4L)))
                    .containsEntry("version", 3L);
            assertThat(ids(views.find())).containsExactlyInAnyOrder("a", 1, 2.0, new Document("k", 1));
        }
    }

    /**
     * A non-unique index on one field serves a filter that requires the field to equal a string, including
     * documents where the field is an array holding it; the rest of the filter decides, as in a scan.
     */
    /**
     * Axon's token store claims, renews and stores a token with a filter on the processor and the segment (its
     * unique index) and conditions on the owner and the time besides: answered from the unique index, matching what
     * a scan matches, numbers of other types and array elements included.
     */
    @Test
    void filters_that_require_every_field_of_a_unique_index_match_what_a_scan_matches() throws Exception {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDirectory.resolve("mongo"), "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> tokens = collection(client);
            tokens.createIndex(new Document("processorName", 1).append("segment", 1), new IndexOptions().unique(true));
            tokens.insertMany(List.of(
                    new Document("_id", "t-0")
                            .append("processorName", "timeline")
                            .append("segment", 0)
                            .append("owner", "node-1")
                            .append("timestamp", 100L),
                    new Document("_id", "t-1")
                            .append("processorName", "timeline")
                            .append("segment", 1)
                            .append("owner", null)
                            .append("timestamp", 50L),
                    new Document("_id", "s-0")
                            .append("processorName", "sessions")
                            .append("segment", 0)
                            .append("owner", "node-2")
                            .append("timestamp", 100L),
                    new Document("_id", "a-0")
                            .append("processorName", List.of("alias", "other"))
                            .append("segment", 0)));

            Map<Bson, List<Object>> expected = new LinkedHashMap<>();
            expected.put(and(eq("processorName", "timeline"), eq("segment", 0)), List.of("t-0"));
            expected.put(
                    and(eq("processorName", "timeline"), eq("segment", 0L), eq("owner", "node-1")), List.of("t-0"));
            expected.put(and(eq("processorName", "timeline"), eq("segment", 0.0), eq("owner", "node-2")), List.of());
            expected.put(
                    and(
                            eq("processorName", "timeline"),
                            eq("segment", 1),
                            or(eq("owner", "node-1"), eq("owner", null), lt("timestamp", 60L))),
                    List.of("t-1"));
            expected.put(and(eq("processorName", "timeline"), eq("segment", 2)), List.of());
            expected.put(and(eq("processorName", "alias"), eq("segment", 0)), List.of("a-0"));
            expected.put(and(eq("processorName", "timeline"), gte("segment", 0)), List.of("t-0", "t-1"));
            expected.put(
                    new Document("processorName", "sessions")
                            .append("segment", 0)
                            .append("owner", "node-2"),
                    List.of("s-0"));

            expected.forEach((filter, ids) -> {
                assertThat(ids(tokens.find(filter))).as("%s", filter).containsExactlyInAnyOrderElementsOf(ids);
                assertThat(ids(tokens.find(filter)))
                        .as("%s", filter)
                        .containsExactlyInAnyOrderElementsOf(ids(tokens.find(or(filter))));
            });
            assertThat(tokens.findOneAndUpdate(
                            and(eq("processorName", "timeline"), eq("segment", 1), eq("owner", null)),
                            set("owner", "node-1")))
                    .containsEntry("_id", "t-1");
            assertThat(tokens.updateOne(
                                    and(eq("processorName", "timeline"), eq("segment", 1), eq("owner", "node-2")),
                                    set("timestamp", 1L))
                            .getMatchedCount())
                    .isZero();
            assertDuplicate(() -> tokens.insertOne(new Document("_id", "t-dup")
                    .append("processorName", "timeline")
                    .append("segment", 1L)));
        }
    }

    @Test
    void filters_that_require_an_indexed_field_to_equal_a_string_match_what_a_scan_matches() throws Exception {
        Path store = dataDirectory.resolve("mongo");
        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> feed = collection(client);
            feed.createIndex(new Document("sessionId", 1));
            feed.insertMany(List.of(
                    new Document("_id", 1).append("sessionId", "s"),
                    new Document("_id", 2).append("sessionId", "s").append("version", 5),
                    new Document("_id", 3).append("sessionId", List.of("s", "t")),
                    new Document("_id", 4).append("sessionId", new Document("id", "s")),
                    new Document("_id", 5),
                    new Document("_id", 6).append("sessionId", null),
                    new Document("_id", 7).append("sessionId", 7),
                    new Document("_id", 8).append("sessionId", "t")));

            assertSameAsScan(feed, eq("sessionId", "s"), 1, 2, 3);
            assertSameAsScan(feed, and(eq("sessionId", "s"), lt("version", 6)), 2);
            assertSameAsScan(feed, and(eq("sessionId", "s"), eq("_id", 3)), 3);
            assertSameAsScan(feed, eq("sessionId", "t"), 3, 8);
            assertSameAsScan(feed, eq("sessionId", "u"));
            assertSameAsScan(feed, eq("sessionId", 7), 7);
            assertSameAsScan(feed, eq("sessionId", new Document("id", "s")), 4);
            assertSameAsScan(feed, eq("sessionId", null), 5, 6);

            assertThat(feed.updateMany(and(eq("sessionId", "s"), exists("version", false)), set("sessionId", "t"))
                            .getModifiedCount())
                    .isEqualTo(2);
            assertSameAsScan(feed, eq("sessionId", "t"), 1, 3, 8);
            assertSameAsScan(feed, eq("sessionId", "s"), 2);
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> feed = collection(client);
            assertSameAsScan(feed, eq("sessionId", "t"), 1, 3, 8);
            assertThat(feed.deleteMany(eq("sessionId", "t")).getDeletedCount()).isEqualTo(3);
            feed.insertOne(new Document("_id", 9).append("sessionId", "s"));
            assertSameAsScan(feed, eq("sessionId", "s"), 2, 9);
            assertSameAsScan(feed, eq("sessionId", "t"));
        }
    }

    /**
     * A rebuild fills its copies from this process with their field indexes set aside, then enters each index's
     * entries in its own order ({@link EmbeddedMongo#fill}): the filled collection answers every look-up as a scan
     * does and as the same documents inserted one batch at a time do, across a restart, and a fill into a collection
     * that already holds documents keeps its indexes as any insert does.
     */
    @Test
    void a_collection_filled_from_this_process_answers_look_ups_as_one_inserted_batch_by_batch() throws Exception {
        Path store = dataDirectory.resolve("mongo");
        java.util.Random random = new java.util.Random(11);
        Date t0 = new Date(1_700_000_000_000L);
        List<de.bwaldvogel.mongo.bson.Document> documents = new ArrayList<>();
        for (int i = 0; i < 25_000; i++) {
            de.bwaldvogel.mongo.bson.Document document =
                    new de.bwaldvogel.mongo.bson.Document("_id", String.format("m-%06d", i));
            int kind = random.nextInt(20);
            if (kind == 0) {
                document.append("sessionId", List.of("s-1", "s-" + random.nextInt(40)));
            } else if (kind == 1) {
                document.append("sessionId", 7);
            } else if (kind > 2) {
                document.append("sessionId", "s-" + random.nextInt(40));
            }
            documents.add(
                    document.append("dueAt", at(t0, random.nextInt(100_000)).toInstant()));
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            for (String name : List.of("filled", "inserted")) {
                MongoCollection<Document> collection =
                        client.getDatabase("ledgerloop").getCollection(name);
                collection.createIndex(new Document("sessionId", 1).append("sequence", 1));
                collection.createIndex(new Document("dueAt", 1));
            }
            mongo.fill("ledgerloop", "filled", documents);
            for (int from = 0; from < documents.size(); from += 1_000) {
                mongo.insertMany("ledgerloop", "inserted", documents.subList(from, from + 1_000));
            }
            assertFilledAsInserted(client, t0);
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            assertFilledAsInserted(client, t0);
            List<de.bwaldvogel.mongo.bson.Document> more = List.of(
                    new de.bwaldvogel.mongo.bson.Document("_id", "z-1").append("sessionId", "s-1"),
                    new de.bwaldvogel.mongo.bson.Document("_id", "z-2")
                            .append("dueAt", at(t0, 5).toInstant()));
            mongo.fill("ledgerloop", "filled", more);
            mongo.insertMany("ledgerloop", "inserted", more);
            assertFilledAsInserted(client, t0);
        }
    }

    private static void assertFilledAsInserted(MongoClient client, Date t0) {
        MongoCollection<Document> filled = client.getDatabase("ledgerloop").getCollection("filled");
        MongoCollection<Document> inserted = client.getDatabase("ledgerloop").getCollection("inserted");
        assertThat(filled.countDocuments()).isEqualTo(inserted.countDocuments());
        MongoDatabase database = client.getDatabase("ledgerloop");
        assertThat(database.runCommand(new Document("collStats", "filled")).get("size"))
                .isEqualTo(database.runCommand(new Document("collStats", "inserted"))
                        .get("size"));
        List<Bson> filters = new ArrayList<>();
        for (int session = 0; session < 40; session++) {
            filters.add(eq("sessionId", "s-" + session));
        }
        filters.add(eq("sessionId", 7));
        filters.add(eq("sessionId", null));
        filters.add(and(gte("dueAt", at(t0, 20_000)), lt("dueAt", at(t0, 20_500))));
        for (Bson filter : filters) {
            List<Object> served = ids(filled.find(filter));
            assertThat(served).as("%s", filter).containsExactlyInAnyOrderElementsOf(ids(filled.find(or(filter))));
            assertThat(served).as("%s", filter).containsExactlyInAnyOrderElementsOf(ids(inserted.find(filter)));
        }
        assertFirstInOrderAsScan(filled, gte("dueAt", at(t0, 50_000)), 100);
    }

    /**
     * A compound index serves filters that pin its first field, as MongoDB's does ({@code {sessionId, sequence}}:
     * every read of one session's timeline), and still describes itself with all its keys.
     */
    @Test
    void filters_that_require_the_first_field_of_a_compound_index_match_what_a_scan_matches() throws Exception {
        Path store = dataDirectory.resolve("mongo");
        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> timeline = collection(client);
            timeline.createIndex(new Document("sessionId", 1).append("sequence", 1));
            timeline.insertMany(List.of(
                    new Document("_id", 1).append("sessionId", "s").append("sequence", 2L),
                    new Document("_id", 2).append("sessionId", "s").append("sequence", 1L),
                    new Document("_id", 3).append("sessionId", "t").append("sequence", 1L),
                    new Document("_id", 4).append("sessionId", List.of("s", "t")),
                    new Document("_id", 5).append("sequence", 1L)));

            assertSameAsScan(timeline, eq("sessionId", "s"), 1, 2, 4);
            assertSameAsScan(timeline, and(eq("sessionId", "s"), gt("sequence", 1L)), 1);
            assertThat(ids(timeline.find(eq("sessionId", "s"))
                            .sort(new Document("sequence", -1))
                            .limit(2)))
                    .containsExactly(1, 2);
            timeline.updateOne(eq("_id", 2), set("sessionId", "t"));
            assertSameAsScan(timeline, eq("sessionId", "t"), 2, 3, 4);
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> timeline = collection(client);
            assertSameAsScan(timeline, eq("sessionId", "t"), 2, 3, 4);
            assertThat(timeline.listIndexes().into(new ArrayList<>()))
                    .anySatisfy(index -> assertThat(index.get("key", Document.class))
                            .isEqualTo(new Document("sessionId", 1).append("sequence", 1)));
        }
    }

    /**
     * A range of dates on an indexed field is read from the index in the field's order (the delivery schedule's due
     * and next-due look-ups): what it finds, and with a sort on the field and a limit the first ones, are the scan's.
     */
    @Test
    void filters_that_require_an_indexed_field_to_hold_a_date_in_a_range_match_what_a_scan_matches() throws Exception {
        Path store = dataDirectory.resolve("mongo");
        Date t0 = new Date(1_700_000_000_000L);
        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> schedule = collection(client);
            schedule.createIndex(new Document("dueAt", 1));
            schedule.insertMany(List.of(
                    new Document("_id", "a").append("dueAt", at(t0, 30)),
                    new Document("_id", "b").append("dueAt", at(t0, 10)).append("claimed", true),
                    new Document("_id", "c").append("dueAt", at(t0, 20)),
                    new Document("_id", "d").append("dueAt", at(t0, -5)),
                    new Document("_id", "e").append("dueAt", null),
                    new Document("_id", "f"),
                    new Document("_id", "g").append("dueAt", "2023-11-14"),
                    new Document("_id", "h").append("dueAt", 1_700_000_010_000L),
                    new Document("_id", "i").append("dueAt", at(t0, 20))));

            assertSameAsScan(schedule, lte("dueAt", at(t0, 20)), "b", "c", "d", "i");
            assertSameAsScan(schedule, lt("dueAt", at(t0, 20)), "b", "d");
            assertSameAsScan(schedule, and(gt("dueAt", at(t0, 10)), lte("dueAt", at(t0, 30))), "a", "c", "i");
            assertSameAsScan(schedule, gte("dueAt", at(t0, 30)), "a");
            assertSameAsScan(schedule, and(gte("dueAt", at(t0, 30)), lt("dueAt", at(t0, 30))));
            assertSameAsScan(
                    schedule,
                    and(and(ne("dueAt", null), lte("dueAt", at(t0, 25))), eq("claimed", null)),
                    "c",
                    "d",
                    "i");
            assertFirstInOrderAsScan(schedule, and(ne("dueAt", null), lte("dueAt", at(t0, 25))), 2);
            assertFirstInOrderAsScan(schedule, gte("dueAt", at(t0, 0)), 1);

            schedule.insertOne(new Document("_id", "j").append("dueAt", List.of(at(t0, 100), at(t0, 1))));
            assertSameAsScan(schedule, lte("dueAt", at(t0, 10)), "b", "d", "j");
            assertFirstInOrderAsScan(schedule, lte("dueAt", at(t0, 10)), 3);
            schedule.deleteOne(eq("_id", "j"));

            assertThat(schedule.updateMany(lte("dueAt", at(t0, 10)), set("dueAt", at(t0, 40)))
                            .getModifiedCount())
                    .isEqualTo(2);
            schedule.updateOne(eq("_id", "c"), set("dueAt", null));
            assertSameAsScan(schedule, lte("dueAt", at(t0, 30)), "a", "i");
            assertSameAsScan(schedule, gt("dueAt", at(t0, 30)), "b", "d");
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> schedule = collection(client);
            assertSameAsScan(schedule, gt("dueAt", at(t0, 30)), "b", "d");
            assertThat(schedule.deleteMany(gt("dueAt", at(t0, 30))).getDeletedCount())
                    .isEqualTo(2);
            schedule.insertOne(new Document("_id", "k").append("dueAt", at(t0, 1)));
            assertSameAsScan(schedule, lte("dueAt", at(t0, 30)), "a", "i", "k");
            assertFirstInOrderAsScan(schedule, lte("dueAt", at(t0, 30)), 2);
        }
    }

    /**
     * Older versions kept a non-unique index in a map of another name, with every date under one group: a start
     * drops that map and builds the index afresh, even where the entries' count is the collection's.
     */
    @Test
    void an_index_in_the_layout_without_dates_is_built_afresh() throws Exception {
        Path store = dataDirectory.resolve("mongo");
        Date t0 = new Date(1_700_000_000_000L);
        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> schedule = collection(client);
            schedule.createIndex(new Document("dueAt", 1));
            schedule.insertMany(List.of(
                    new Document("_id", "a").append("dueAt", at(t0, 30)),
                    new Document("_id", "b").append("dueAt", at(t0, 10))));
        }
        MVStore file = new MVStore.Builder()
                .fileName(store.resolve(StoreFile.CURRENT).toString())
                .open();
        try {
            String namespace = "ledgerloop.sessions";
            MVMap<Object[], Object> current = file.openMap(StoreLayout.fieldIndex(namespace, "dueAt_1"));
            file.renameMap(current, StoreLayout.index(namespace, "dueAt_1"));
            current.clear();
            current.put(new Object[] {0, "a"}, "a");
            current.put(new Object[] {0, "b"}, "b");
            file.commit();
        } finally {
            file.close();
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> schedule = collection(client);
            assertSameAsScan(schedule, lte("dueAt", at(t0, 20)), "b");
            assertFirstInOrderAsScan(schedule, gte("dueAt", at(t0, 0)), 2);
        }
    }

    private static Date at(Date t0, int seconds) {
        return new Date(t0.getTime() + seconds * 1000L);
    }

    /** The first {@code limit} documents by {@code dueAt}: the same dates as a scan sorts first. */
    private static void assertFirstInOrderAsScan(MongoCollection<Document> collection, Bson filter, int limit) {
        Bson byDue = new Document("dueAt", 1);
        List<Object> served = new ArrayList<>();
        collection.find(filter).sort(byDue).limit(limit).forEach(document -> served.add(document.get("dueAt")));
        List<Object> scanned = new ArrayList<>();
        collection.find(or(filter)).sort(byDue).limit(limit).forEach(document -> scanned.add(document.get("dueAt")));
        assertThat(served).as("%s", filter).hasSize(limit).isEqualTo(scanned);
    }

    private static void assertSameAsScan(MongoCollection<Document> collection, Bson filter, Object... ids) {
        assertThat(ids(collection.find(filter))).as("%s", filter).containsExactlyInAnyOrder(ids);
        assertThat(ids(collection.find(filter)))
                .as("%s", filter)
                .containsExactlyInAnyOrderElementsOf(ids(collection.find(or(filter))));
    }

    /**
     * Every view update goes through {@link GuardedWrites#updateGuarded}: an upsert that meets the document at the
     * event's sequence or later fails on the duplicate {@code _id}, which the guard reports as "already applied".
     */
    @Test
    void guarded_updates_apply_each_sequence_once_before_and_after_a_restart() throws Exception {
        Path store = dataDirectory.resolve("mongo");
        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> views = collection(client);
            assertThat(GuardedWrites.updateGuarded(views, "s-1", 1, set("status", "Open"), true))
                    .isTrue();
            assertThat(GuardedWrites.updateGuarded(views, "s-1", 1, set("status", "Again"), true))
                    .isFalse();
            assertThat(GuardedWrites.updateGuarded(views, "s-1", 0, set("status", "Older"), true))
                    .isFalse();
            assertThat(GuardedWrites.updateGuarded(views, "s-1", 2, set("status", "Closed"), true))
                    .isTrue();
            assertThat(views.find(eq("_id", "s-1")).first())
                    .isEqualTo(new Document("_id", "s-1")
                            .append("status", "Closed")
                            .append("version", 2L));
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> views = collection(client);
            assertThat(GuardedWrites.updateGuarded(views, "s-1", 2, set("status", "Again"), true))
                    .isFalse();
            assertThat(GuardedWrites.updateGuarded(views, "s-1", 3, set("status", "Archived"), false))
                    .isTrue();
            GuardedWrites.updateGuarded(views, "s-2", 5, set("status", "Open"), false);
            assertThat(views.find().into(new ArrayList<>()))
                    .containsExactly(new Document("_id", "s-1")
                            .append("status", "Archived")
                            .append("version", 3L));
        }
    }

    /**
     * A directory of the layout before BSON documents (the documents as mongo-java-server's own H2 backend writes
     * them) is moved once: its documents, its field index and its unique index, built afresh from the documents
     * since that backend keeps neither the way this one does, answer as before, across restarts.
     */
    @Test
    void a_store_of_the_layout_before_bson_opens_with_its_documents_and_indexes() throws Exception {
        Path store = dataDirectory.resolve("mongo");
        writeThroughTheOtherBackend(store, sessions -> {
            sessions.createIndex(new Document("sessionId", 1));
            sessions.createIndex(new Document("keyHash", 1), new IndexOptions().unique(true));
            sessions.insertMany(List.of(
                    new Document("_id", "k-1").append("keyHash", "h1").append("sessionId", "a"),
                    new Document("_id", 1).append("keyHash", 2L).append("sessionId", "a"),
                    new Document("_id", "k-2").append("keyHash", "h2").append("version", 1L)));
        });

        for (int start = 0; start < 2; start++) {
            try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                    MongoClient client = MongoClients.create(mongo.connectionString())) {
                MongoCollection<Document> keys = collection(client);
                assertThat(keys.find(and(eq("_id", "k-2"), lt("version", 2L))).first())
                        .containsEntry("version", 1L);
                assertThat(GuardedWrites.updateGuarded(keys, "k-2", 1, set("status", "Again"), true))
                        .isFalse();
                assertSameAsScan(keys, eq("sessionId", "a"), "k-1", 1);
                assertThat(ids(keys.find(eq("keyHash", "h2")))).containsExactly("k-2");
                assertThat(ids(keys.find(eq("keyHash", 2)))).containsExactly(1);
                assertThat(ids(keys.find(eq("_id", 1.0)))).containsExactly(1);
                assertThat(ids(keys.find(in("_id", 1L, "k-1")))).containsExactlyInAnyOrder(1, "k-1");
                assertDuplicate(() -> keys.insertOne(new Document("_id", "k-2").append("keyHash", "h3")));
                assertDuplicate(() -> keys.insertOne(new Document("_id", "k-3").append("keyHash", "h2")));
                assertDuplicate(() -> keys.insertOne(new Document("_id", 1.0).append("keyHash", "h4")));
                assertDuplicate(() -> keys.insertOne(new Document("_id", "k-4").append("keyHash", 2.0)));
                assertDuplicate(() -> keys.updateOne(eq("_id", "k-1"), set("keyHash", "h2")));
                assertThat(keys.countDocuments()).isEqualTo(3);
            }
        }
    }

    /**
     * After the move the older file holds only a note: an older version, which would read the store from there,
     * cannot open it as a store (and so does not start) instead of creating an empty one without the keyring.
     */
    @Test
    void after_the_move_the_older_file_cannot_be_opened_as_a_store() throws Exception {
        Path store = dataDirectory.resolve("mongo");
        writeThroughTheOtherBackend(store, sessions -> sessions.insertOne(new Document("_id", "s-1")));
        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            collection(client).insertOne(new Document("_id", "s-2"));
        }
        Path older = store.resolve(StoreFile.BEFORE_BSON);

        assertThat(Files.readString(older)).contains(StoreFile.CURRENT);
        assertThatThrownBy(
                        () -> new MVStore.Builder().fileName(older.toString()).open())
                .isInstanceOf(MVStoreException.class);
        assertThatThrownBy(() -> new H2Backend(older.toString())).isInstanceOf(MVStoreException.class);
        assertThat(Files.readString(older)).contains(StoreFile.CURRENT);
        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            assertThat(ids(collection(client).find())).containsExactlyInAnyOrder("s-1", "s-2");
        }
    }

    /**
     * A crash may cut the move anywhere: a half-written copy is thrown away and the copy made again; a complete
     * copy with the older file still in place is kept (the older file is not read again) and the note written.
     */
    @Test
    void a_move_cut_by_a_crash_is_finished_by_the_next_start() throws Exception {
        Path store = dataDirectory.resolve("mongo");
        writeThroughTheOtherBackend(store, sessions -> sessions.insertOne(new Document("_id", "s-1")));
        Path olderCopy = dataDirectory.resolve("older-copy.mv");
        Files.copy(store.resolve(StoreFile.BEFORE_BSON), olderCopy);
        Files.write(store.resolve(StoreFile.CURRENT + ".partial"), new byte[] {'H', ':', '2', ',', 0, 1, 2});

        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            assertThat(ids(collection(client).find())).containsExactly("s-1");
            collection(client).insertOne(new Document("_id", "s-2"));
        }
        assertThat(store.resolve(StoreFile.CURRENT + ".partial")).doesNotExist();

        Files.copy(olderCopy, store.resolve(StoreFile.BEFORE_BSON), StandardCopyOption.REPLACE_EXISTING);
        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            assertThat(ids(collection(client).find())).containsExactlyInAnyOrder("s-1", "s-2");
        }
        assertThat(StoreFile.isH2Store(store.resolve(StoreFile.BEFORE_BSON))).isFalse();
    }

    /** Every kind of value a document can hold reads back as it was written, across a restart. */
    @Test
    void values_of_every_bson_type_read_back_as_written_across_a_restart() throws Exception {
        Path store = dataDirectory.resolve("mongo");
        Document written = new Document("_id", new ObjectId())
                .append("string", "snow ☃ and 𝄞")
                .append("int", 42)
                .append("long", 1L << 40)
                .append("double", 2.5)
                .append("decimal", Decimal128.parse("12.3400"))
                .append("true", true)
                .append("null", null)
                .append("date", new Date(1_700_000_000_123L))
                .append("timestamp", new BsonTimestamp(1_700_000_000, 7))
                .append("binary", new Binary(new byte[] {0, 1, 2, (byte) 255}))
                .append("uuid", new Binary(BsonBinarySubType.UUID_STANDARD, new byte[16]))
                .append("objectId", new ObjectId())
                .append("regex", new BsonRegularExpression("^a.*", "i"))
                .append("min", new MinKey())
                .append("max", new MaxKey())
                .append("array", List.of(1, "two", new Document("three", 3L), List.of()))
                .append("embedded", new Document("inner", new Document("deep", List.of(true, false))))
                .append("empty", new Document());
        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            collection(client).insertOne(written);
            assertThat(collection(client).find().first()).isEqualTo(written);
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            assertThat(collection(client).find().first()).isEqualTo(written);
        }
    }

    /** Unique keys are kept with keys compared value by value, in a map of their own, across restarts. */
    @Test
    void unique_keys_hold_across_restarts() throws Exception {
        Path store = dataDirectory.resolve("mongo");
        try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> keys = collection(client);
            keys.createIndex(new Document("keyHash", 1), new IndexOptions().unique(true));
            keys.insertMany(List.of(
                    new Document("_id", "k-1").append("keyHash", "h1"),
                    new Document("_id", 1).append("keyHash", 2L),
                    new Document("_id", "k-2").append("keyHash", "h2")));
        }

        for (int start = 0; start < 2; start++) {
            try (EmbeddedMongo mongo = EmbeddedMongo.start(store, "127.0.0.1", 0);
                    MongoClient client = MongoClients.create(mongo.connectionString())) {
                MongoCollection<Document> keys = collection(client);
                assertThat(ids(keys.find(eq("keyHash", "h2")))).containsExactly("k-2");
                assertThat(ids(keys.find(eq("keyHash", 2)))).containsExactly(1);
                assertThat(ids(keys.find(in("_id", 1L, "k-1")))).containsExactlyInAnyOrder(1, "k-1");
                assertDuplicate(() -> keys.insertOne(new Document("_id", "k-3").append("keyHash", "h2")));
                assertDuplicate(() -> keys.insertOne(new Document("_id", 1.0).append("keyHash", "h4")));
                assertDuplicate(() -> keys.updateOne(eq("_id", "k-1"), set("keyHash", "h2")));
                assertThat(keys.countDocuments()).isEqualTo(3);
            }
        }
    }

    /**
     * Unique keys of every kind written by several clients at once into several collections: H2's value types keep
     * state between comparisons, so each index must have its own, or one collection's compare changes another's
     * mid-way ("Can not compare", found by the rebuild benchmark).
     */
    @Test
    void unique_keys_of_every_kind_are_written_by_several_clients_into_several_collections_at_once() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDirectory.resolve("mongo"), "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase database = client.getDatabase("ledgerloop");
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                MongoCollection<Document> collection = database.getCollection("keys-" + c);
                collection.createIndex(new Document("name", 1), new IndexOptions().unique(true));
                int writer = c;
                writes.add(CompletableFuture.runAsync(
                        () -> {
                            for (int i = 0; i < 2000; i++) {
                                Object id =
                                        switch (i % 3) {
                                            case 0 -> new Document("writer", writer).append("i", i);
                                            case 1 -> new org.bson.types.ObjectId();
                                            default -> "id-" + i;
                                        };
                                collection.insertOne(new Document("_id", id).append("name", i % 2 == 0 ? "n" + i : i));
                            }
                        },
                        clients));
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);

            for (int c = 0; c < 4; c++) {
                MongoCollection<Document> collection = database.getCollection("keys-" + c);
                assertThat(collection.countDocuments()).isEqualTo(2000);
                assertThat(ids(collection.find(eq("_id", new Document("writer", c).append("i", 3)))))
                        .hasSize(1);
                assertDuplicate(() -> collection.insertOne(new Document("_id", "other").append("name", "n4")));
                assertDuplicate(() -> collection.insertOne(new Document("_id", "other").append("name", 5)));
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * Writes into the file of the layout before BSON documents with mongo-java-server's own H2 backend, which stores
     * documents as that layout did.
     */
    private static void writeThroughTheOtherBackend(Path store, Consumer<MongoCollection<Document>> write)
            throws IOException {
        Files.createDirectories(store);
        H2Backend plain = new H2Backend(store.resolve(StoreFile.BEFORE_BSON).toString());
        MongoServer server = new MongoServer(plain);
        try (MongoClient client =
                MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            write.accept(collection(client));
        } finally {
            server.shutdownNow();
            plain.close();
        }
    }

    private static void assertDuplicate(Runnable write) {
        assertThatThrownBy(write::run).isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(
                        e.getError().getCategory())
                .isEqualTo(ErrorCategory.DUPLICATE_KEY));
    }

    private static List<Object> ids(Iterable<Document> documents) {
        List<Object> ids = new ArrayList<>();
        documents.forEach(document -> ids.add(document.get("_id")));
        return ids;
    }

    private static MongoCollection<Document> collection(MongoClient client) {
        return client.getDatabase("ledgerloop").getCollection("sessions");
    }
}
