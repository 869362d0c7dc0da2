package dev.ledgerloop.bench;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.nin;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import dev.ledgerloop.bench.peer.TemporaryDirectories;
import dev.ledgerloop.standalone.EmbeddedMongo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Look-ups on the embedded MongoDB as collections grow, each timed as the product sends it (served from an index) and
 * wrapped in a one-element {@code $or}, which the embedded MongoDB does not serve from an index: the scan such a
 * look-up was before. The webhook scheduler's two look-ups: "the deliveries due now" (sorted by due time, 100 at
 * most) and "the next due time", on a schedule that keeps a document for every delivery ever made, of which only
 * those waiting for an attempt have a due time (index on the due time). One session's latest 50 timeline items, on a
 * timeline of 20 items per session (compound index {@code {sessionId, sequence}}). Arguments {@code name=value}:
 * {@code sizes} (1000,10000,100000 documents in each collection), {@code due} (100 due now), {@code rounds} (200 of
 * each look-up per size).
 */
public final class EmbeddedLookupBenchmark {
    private static final String DUE_AT = "nextAttemptAt";
    private static final String PAYLOAD = "x".repeat(600);
    private static final int ITEMS_PER_SESSION = 20;

    private EmbeddedLookupBenchmark() {}

    public static void main(String[] args) throws Exception {
        String sizesArg = BenchArgs.stringArg(args, "sizes");
        int[] sizes = Stream.of((sizesArg == null ? "1000,10000,100000" : sizesArg).split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        int due = BenchArgs.intArg(args, "due", 100);
        int rounds = BenchArgs.intArg(args, "rounds", 200);
        Path data = Files.createTempDirectory("ledgerloop-schedule-bench-");
        try (EmbeddedMongo mongo = EmbeddedMongo.start(data, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> schedule = client.getDatabase("bench").getCollection("delivery_schedule");
            schedule.createIndex(Indexes.ascending(DUE_AT));
            MongoCollection<Document> timeline = client.getDatabase("bench").getCollection("timeline");
            timeline.createIndex(Indexes.ascending("sessionId", "sequence"));
            System.out.printf(
                    "Look-ups on the embedded MongoDB, %d rounds each, p50 / p99 in ms. Delivery schedule: %d due now,"
                            + " 10 due later, the rest delivered. Timeline: %d items per session%n",
                    rounds, due, ITEMS_PER_SESSION);
            long now = System.currentTimeMillis();
            int stored = 0;
            for (int size : sizes) {
                fillTimeline(timeline, stored, size);
                stored = fill(schedule, stored, size, due, now);
                Date at = new Date(now);
                Bson dueNow = and(
                        and(ne(DUE_AT, null), lte(DUE_AT, at), or(eq("claimedUntil", null), lt("claimedUntil", at))),
                        nin("webhookId", List.of()));
                Bson nextDue = and(ne(DUE_AT, null), gte(DUE_AT, at));
                System.out.printf(
                        "%,9d documents: due now %s, served / %s, scanned; next due %s, served / %s, scanned%n",
                        size,
                        time(schedule, dueNow, 100, rounds),
                        time(schedule, or(dueNow), 100, rounds),
                        time(schedule, nextDue, 1, rounds),
                        time(schedule, or(nextDue), 1, rounds));
                Bson session = eq("sessionId", "session-" + (size / ITEMS_PER_SESSION / 2));
                Bson latest = Sorts.descending("sequence");
                System.out.printf(
                        "%,9d documents: one session's latest 50 timeline items %s, served / %s, scanned%n",
                        size,
                        time(timeline, session, latest, 50, rounds),
                        time(timeline, or(session), latest, 50, rounds));
            }
        } finally {
            TemporaryDirectories.deleteRecursively(data);
        }
    }

    /** Adds delivered deliveries up to {@code size} documents; the first fill adds the due ones as well. */
    private static int fill(MongoCollection<Document> schedule, int stored, int size, int due, long now) {
        insert(schedule, stored, size, i -> {
            Date dueAt = i < due ? new Date(now - 1_000L * (due - i)) : i < due + 10 ? new Date(now + 60_000L) : null;
            return new Document("_id", UUID.randomUUID().toString())
                    .append("webhookId", UUID.randomUUID().toString())
                    .append("status", dueAt == null ? "Delivered" : "Pending")
                    .append(DUE_AT, dueAt)
                    .append("claimedUntil", null)
                    .append("payload", PAYLOAD);
        });
        return Math.max(stored, size);
    }

    private static void fillTimeline(MongoCollection<Document> timeline, int stored, int size) {
        insert(timeline, stored, size, i -> new Document(
                        "_id", UUID.randomUUID().toString())
                .append("sessionId", "session-" + i / ITEMS_PER_SESSION)
                .append("sequence", (long) (i % ITEMS_PER_SESSION))
                .append("kind", "message")
                .append("content", PAYLOAD));
    }

    /** Inserts the documents numbered {@code from} (inclusive) to {@code to}, 1,000 to a command. */
    private static void insert(MongoCollection<Document> collection, int from, int to, IntFunction<Document> document) {
        List<Document> batch = new ArrayList<>();
        for (int i = from; i < to; i++) {
            batch.add(document.apply(i));
            if (batch.size() == 1_000 || i == to - 1) {
                collection.insertMany(batch);
                batch.clear();
            }
        }
    }

    private static String time(MongoCollection<Document> schedule, Bson filter, int limit, int rounds) {
        return time(schedule, filter, Sorts.ascending(DUE_AT), limit, rounds);
    }

    private static String time(MongoCollection<Document> collection, Bson filter, Bson sort, int limit, int rounds) {
        Histogram micros = new Histogram(3);
        int found = 0;
        for (int round = 0; round < rounds + rounds / 10; round++) {
            long started = System.nanoTime();
            List<Document> answer =
                    collection.find(filter).sort(sort).limit(limit).into(new ArrayList<>());
            if (round >= rounds / 10) {
                micros.recordValue((System.nanoTime() - started) / 1_000);
            }
            found = answer.size();
        }
        return String.format(
                "%.2f / %.2f (%d found)",
                micros.getValueAtPercentile(50) / 1e3, micros.getValueAtPercentile(99) / 1e3, found);
    }
}
