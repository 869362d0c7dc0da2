package dev.ledgerloop.query.inprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.ledgerloop.service.mongo.GuardedWrites;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The in-process store answers what the driver over a socket answers from the same server: results, the order and
 * types of fields, and failures (a duplicate key is a {@code MongoWriteException} of category DUPLICATE_KEY, which
 * the guarded writes rely on).
 */
class InProcessMongoTest {
    private static MongoServer server;
    private static MongoClient client;

    @BeforeAll
    static void start() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdown();
    }

    private final MongoDatabase inProcess =
            new InProcessMongo(new MemoryBackend()).database("test-" + UUID.randomUUID());
    private final MongoDatabase overTheWire = client.getDatabase("test-" + UUID.randomUUID());

    @Test
    void the_same_writes_leave_the_same_documents_and_answer_the_same_results() {
        List<Object> inProcessResults = exercise(inProcess.getCollection("items"));
        List<Object> wireResults = exercise(overTheWire.getCollection("items"));

        assertThat(inProcessResults).isEqualTo(wireResults);
        assertThat(all(inProcess)).isEqualTo(all(overTheWire)).hasSize(149);
    }

    @Test
    void an_insert_or_an_upsert_that_meets_an_existing_id_fails_as_a_duplicate_key() {
        for (MongoDatabase database : List.of(inProcess, overTheWire)) {
            MongoCollection<Document> items = database.getCollection("items");
            assertThat(GuardedWrites.insertOnce(items, new Document("_id", "a").append("version", 3L)))
                    .isTrue();
            assertThat(GuardedWrites.insertOnce(items, new Document("_id", "a").append("version", 9L)))
                    .isFalse();
            assertThat(GuardedWrites.updateGuarded(items, "a", 2, Updates.set("x", 1), true))
                    .as("an older event upserting meets the newer document")
                    .isFalse();
            assertThatThrownBy(() -> items.insertOne(new Document("_id", "a")))
                    .isInstanceOfSatisfying(
                            MongoWriteException.class,
                            e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
            assertThatThrownBy(() -> items.insertMany(List.of(new Document("_id", "b"), new Document("_id", "a"))))
                    .isInstanceOfSatisfying(MongoBulkWriteException.class, e -> assertThat(
                                    e.getWriteErrors().get(0).getIndex())
                            .isEqualTo(1));
            assertThat(items.find(Filters.eq("_id", "a")).first())
                    .isEqualTo(new Document("_id", "a").append("version", 3L));
        }
    }

    @Test
    void a_unique_index_holds_and_other_calls_say_they_are_not_served() {
        MongoCollection<Document> items = inProcess.getCollection("items");
        items.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
        items.insertOne(new Document("_id", 1).append("key", "k"));

        assertThatThrownBy(() -> items.insertOne(new Document("_id", 2).append("key", "k")))
                .isInstanceOfSatisfying(
                        MongoWriteException.class,
                        e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
        assertThatThrownBy(() -> items.aggregate(List.of()))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("aggregate");
        assertThatThrownBy(() -> items.updateOne(
                        Filters.eq("_id", 1),
                        Updates.set("key", "j"),
                        new UpdateOptions().arrayFilters(List.of(Filters.eq("x", 1)))))
                .as("an option the in-process store would not honour is refused, not ignored")
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void encoded_documents_go_in_and_come_out_byte_for_byte() {
        MongoCollection<RawBsonDocument> raw = inProcess.getCollection("raw", RawBsonDocument.class);
        List<RawBsonDocument> documents = IntStream.range(0, 300)
                .mapToObj(i -> RawBsonDocument.parse("{\"_id\": " + i + ", \"nested\": {\"list\": [1, \"two\"]}}"))
                .toList();
        raw.insertMany(documents);

        assertThat(raw.find().into(new ArrayList<>())).isEqualTo(documents);
        inProcess.drop();
        assertThat(raw.countDocuments()).isZero();
    }

    @Test
    void stored_copies_restore_the_same_documents_and_stay_apart_from_later_updates() {
        InProcessMongo mongo = new InProcessMongo(new MemoryBackend());
        MongoDatabase source = mongo.database("source");
        exercise(source.getCollection("items"));
        List<RawBsonDocument> before =
                source.getCollection("items", RawBsonDocument.class).find().into(new ArrayList<>());

        List<de.bwaldvogel.mongo.bson.Document> copies = mongo.storedCopies("source", "items");
        mongo.addCopies("restored", "items", copies);
        MongoCollection<Document> restored = mongo.database("restored").getCollection("items");
        restored.updateMany(Filters.eq("session", 0), Updates.set("changed", true));
        mongo.addCopies("again", "items", copies);

        assertThat(mongo.database("again")
                        .getCollection("items", RawBsonDocument.class)
                        .find()
                        .into(new ArrayList<>()))
                .as("the same documents, byte for byte and in the same order, whatever the copy restored first did")
                .isEqualTo(before);
        assertThat(restored.countDocuments(Filters.eq("changed", true))).isPositive();
        assertThatThrownBy(() -> restored.insertOne(new Document("_id", "item-1")))
                .as("the restored collection keeps its unique _id")
                .isInstanceOfSatisfying(
                        MongoWriteException.class,
                        e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
        assertThat(mongo.storedCopies("source", "none")).isEmpty();
    }

    /** Writes of every kind the views make, answering what each returned. */
    private static List<Object> exercise(MongoCollection<Document> items) {
        List<Object> results = new ArrayList<>();
        items.createIndex(Indexes.ascending("session", "sequence"));
        for (int i = 0; i < 150; i++) {
            items.insertOne(new Document("_id", "item-" + i)
                    .append("session", i % 3)
                    .append("sequence", (long) i)
                    .append("nested", new Document("flag", i % 2 == 0)));
        }
        results.add(updateResult(items.updateOne(Filters.eq("_id", "item-4"), Updates.set("edited", true))));
        results.add(updateResult(items.updateMany(Filters.eq("session", 1), Updates.inc("sequence", 1000))));
        results.add(updateResult(items.updateOne(
                Filters.eq("_id", "new"), Updates.set("session", 9), new UpdateOptions().upsert(true))));
        results.add(updateResult(items.replaceOne(
                Filters.eq("_id", "item-5"),
                new Document("_id", "item-5").append("replaced", true),
                new ReplaceOptions().upsert(false))));
        results.add(items.deleteOne(Filters.eq("session", 2)).getDeletedCount());
        results.add(items.deleteMany(Filters.eq("_id", "item-8")).getDeletedCount());
        results.add(items.countDocuments());
        results.add(items.countDocuments(Filters.eq("session", 0)));
        results.add(items.find(Filters.eq("session", 0))
                .sort(Sorts.descending("sequence"))
                .skip(3)
                .limit(5)
                .into(new ArrayList<>()));
        results.add(items.find(Filters.eq("session", 1))
                .sort(Sorts.ascending("sequence"))
                .first());
        List<Object> each = new ArrayList<>();
        items.find().sort(Sorts.ascending("_id")).forEach(each::add);
        results.add(each);
        return results;
    }

    private static List<Object> updateResult(UpdateResult result) {
        return List.of(result.getMatchedCount(), result.getModifiedCount(), String.valueOf(result.getUpsertedId()));
    }

    private static List<Document> all(MongoDatabase database) {
        return database.getCollection("items")
                .find()
                .sort(Sorts.ascending("_id"))
                .into(new ArrayList<>());
    }
}
