package dev.ledgerloop.query.inprocess;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;

/**
 * The memory backend of history folds and rebuilds serves filters that require a field to equal a value from an index
 * and applies the rest of the filter to what the index names: the matched documents must be those a scan finds, as
 * MongoDB's rules say. {@code $or} of the one filter is the same filter to MongoDB but is not served by an index, so it
 * gives the scan's answer.
 */
class IndexedMemoryBackendTest {
    private final MongoDatabase database = new InProcessMongo(new IndexedMemoryBackend()).database("views");

    @Test
    void filters_that_require_an_id_match_what_a_scan_matches() {
        MongoCollection<Document> views = database.getCollection("views");
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
        expected.put(new Document("_id", "a").append("$or", List.of(eq("version", 1), eq("version", 3))), List.of("a"));
        expected.put(and(and(eq("_id", "a")), eq("tags", "y")), List.of("a"));
        expected.put(and(eq("_id", "a"), eq("tags", "z")), List.of());
        expected.put(and(eq("_id", "a"), eq("_id", "b")), List.of());
        expected.put(and(eq("_id", 1L), exists("version", false)), List.of(1));
        expected.put(and(eq("_id", 2), eq("kind", "double")), List.of(2.0));
        expected.put(and(eq("_id", new Document("k", 1)), eq("kind", "embedded")), List.of(new Document("k", 1)));
        expected.put(and(in("_id", "a", "b"), gt("version", 4)), List.of("b"));
        expected.put(in("_id", "a", "a", "missing", "b"), List.of("a", "b"));
        expected.put(or(eq("_id", "a"), eq("_id", "b")), List.of("a", "b"));

        expected.forEach((filter, ids) -> assertSameAsScan(views, filter, ids.toArray()));
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
        assertThat(ids(views.find())).containsExactlyInAnyOrder("a", 1, 2.0, new Document("k", 1));
    }

    @Test
    void filters_that_require_every_field_of_a_unique_index_match_what_a_scan_matches() {
        MongoCollection<Document> agents = database.getCollection("agents");
        agents.createIndex(new Document("spaceId", 1).append("name", 1), new IndexOptions().unique(true));
        agents.insertMany(List.of(
                new Document("_id", "a-1")
                        .append("spaceId", "s1")
                        .append("name", "bot")
                        .append("status", "active"),
                new Document("_id", "a-2").append("spaceId", "s1").append("name", "helper"),
                new Document("_id", "a-3").append("spaceId", "s2").append("name", "bot"),
                new Document("_id", "a-4")
                        .append("spaceId", List.of("s3", "s4"))
                        .append("name", "bot")));

        assertSameAsScan(agents, and(eq("spaceId", "s1"), eq("name", "bot")), "a-1");
        assertSameAsScan(agents, and(eq("spaceId", "s1"), eq("name", "bot"), eq("status", "gone")));
        assertSameAsScan(agents, and(eq("spaceId", "s4"), eq("name", "bot")), "a-4");
        assertSameAsScan(agents, and(eq("spaceId", "s2"), eq("name", "nobody")));
        assertSameAsScan(agents, and(eq("spaceId", "s1"), gte("name", "a")), "a-1", "a-2");
    }

    /**
     * A non-unique index on one field serves a filter that requires the field to equal a string, including documents
     * where the field is an array holding it; it follows updates that change the field, deletions, and inserts that
     * take the place of deleted documents.
     */
    @Test
    void filters_that_require_an_indexed_field_to_equal_a_string_match_what_a_scan_matches() {
        MongoCollection<Document> feed = database.getCollection("feed");
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

        assertThat(feed.deleteMany(eq("sessionId", "t")).getDeletedCount()).isEqualTo(3);
        feed.insertMany(List.of(
                new Document("_id", 9).append("sessionId", "s"), new Document("_id", 10).append("sessionId", "u")));
        assertSameAsScan(feed, eq("sessionId", "s"), 2, 9);
        assertSameAsScan(feed, eq("sessionId", "t"));
        assertSameAsScan(feed, eq("sessionId", "u"), 10);
        assertThat(ids(feed.find())).containsExactlyInAnyOrder(2, 4, 5, 6, 7, 9, 10);
    }

    @Test
    void filters_that_require_the_first_field_of_a_compound_index_match_what_a_scan_matches() {
        MongoCollection<Document> timeline = database.getCollection("timeline");
        timeline.createIndex(new Document("sessionId", 1).append("sequence", 1));
        timeline.insertMany(List.of(
                new Document("_id", 1).append("sessionId", "s").append("sequence", 2L),
                new Document("_id", 2).append("sessionId", "s").append("sequence", 1L),
                new Document("_id", 3).append("sessionId", "t").append("sequence", 1L),
                new Document("_id", 4).append("sessionId", List.of("s", "t")),
                new Document("_id", 5).append("sequence", 1L)));

        assertSameAsScan(timeline, eq("sessionId", "s"), 1, 2, 4);
        assertSameAsScan(timeline, and(eq("sessionId", "s"), gt("sequence", 1L)), 1);
        assertSameAsScan(timeline, eq("sequence", 1L), 2, 3, 5);
        assertThat(timeline.updateMany(eq("sessionId", "s"), set("sessionId", "u"))
                        .getModifiedCount())
                .isEqualTo(3);
        assertSameAsScan(timeline, eq("sessionId", "u"), 1, 2, 4);
        assertSameAsScan(timeline, eq("sessionId", "s"));
    }

    private static void assertSameAsScan(MongoCollection<Document> collection, Bson filter, Object... ids) {
        assertThat(ids(collection.find(filter))).as("%s", filter).containsExactlyInAnyOrder(ids);
        assertThat(ids(collection.find(filter)))
                .as("%s", filter)
                .containsExactlyInAnyOrderElementsOf(ids(collection.find(or(filter))));
        assertThat(collection.countDocuments(filter)).as("%s", filter).isEqualTo(ids.length);
    }

    private static List<Object> ids(FindIterable<Document> documents) {
        List<Object> ids = new ArrayList<>();
        documents.forEach(document -> ids.add(document.get("_id")));
        return ids;
    }
}
