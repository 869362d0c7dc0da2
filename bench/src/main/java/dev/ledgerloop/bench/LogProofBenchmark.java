package dev.ledgerloop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import dev.ledgerloop.bench.peer.TemporaryDirectories;
import dev.ledgerloop.events.merkle.MerkleHash;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.platform.principal.PrincipalHeaders;
import dev.ledgerloop.platform.runtime.CommonPool;
import dev.ledgerloop.standalone.LedgerloopSystem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Inclusion and consistency proofs of a large space log: starts the standalone system, writes a tree of {@code
 * leaves} (1,000,000) synthetic leaves for a space of its own straight into MongoDB in the layout of
 * docs/verifiable-record.md §Storage (appending that many events would measure the event store, not the proofs), and
 * at 10,000, 100,000, 250,000, 500,000 and the full size asks the command side's endpoints over HTTP, one request at
 * a time, for proofs of random leaves at that size and prints p50/p99. Arguments {@code name=value}: {@code leaves} (1000000), {@code requests} (2000), {@code warmup} (60000: requests of both kinds, not measured, before the
 * first size's figures; a freshly started JVM compiles the request path for thousands of requests, which a server
 * that has been up for a while does not; each later size has {@code requests}/4), {@code data} (a directory
 * to keep the filled system in: a later run with the same {@code data} measures the kept tree without filling it).
 */
final class LogProofBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 10_000;

    private LogProofBenchmark() {}

    public static void main(String[] args) throws Exception {
        CommonPool.ensureParallelism();
        long leaves = longArg(args, "leaves", 1_000_000);
        int requests = (int) longArg(args, "requests", 2_000);
        int warmup = (int) longArg(args, "warmup", 60_000);
        String kept = BenchArgs.stringArg(args, "data");
        Path data = kept != null
                ? Files.createDirectories(Path.of(kept))
                : Files.createTempDirectory("ledgerloop-log-bench-");
        FilledTree filled = FilledTree.readFrom(data);
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            UUID spaceId = filled != null ? filled.spaceId() : UUID.randomUUID();
            List<UUID> eventIds = filled != null ? new ArrayList<>(filled.sample()) : new ArrayList<>();
            long filling = 0;
            System.out.printf(
                    "Verifiable log proofs (%d processors), measured as the tree grows to %,d leaves%n",
                    Runtime.getRuntime().availableProcessors(), leaves);
            PrincipalHeaders signer = new PrincipalHeaders(
                    Base64.getDecoder().decode(system.secrets().principalSecret()),
                    Clock.systemUTC(),
                    Duration.ofMinutes(5));
            Principal owner = Principal.agent(spaceId, UUID.randomUUID(), "bench", "bootstrap");
            HttpClient http = HttpClient.newHttpClient();
            Random random = new Random(42);
            String base = system.commandSideUri() + "/v1/admin/log/proof/";
            try (MongoClient client = MongoClients.create(system.mongoConnectionString())) {
                Filler filler = new Filler(client.getDatabase("ledgerloop"), spaceId, eventIds);
                List<Long> stages = filled != null ? List.of(filled.size()) : stages(leaves);
                for (long stage : stages) {
                    if (filled == null) {
                        long fillStarted = System.nanoTime();
                        filler.fillTo(stage);
                        filling += System.nanoTime() - fillStarted;
                        System.out.printf("%,d leaves (written at %.0f leaves/s)%n", stage, stage / (filling / 1e9));
                    } else {
                        System.out.printf("%,d leaves (kept in %s)%n", stage, data);
                    }
                    boolean firstStage = stage == stages.get(0);
                    int warmupRequests = firstStage ? warmup : requests / 4;
                    measure(
                            "warm-up",
                            warmupRequests,
                            http,
                            signer,
                            owner,
                            () -> random.nextBoolean()
                                    ? inclusion(base, eventIds, random, stage)
                                    : consistency(base, random, stage));
                    if (firstStage) {
                        System.out.printf("(after %,d requests of warm-up)%n", warmupRequests);
                    }
                    measure("inclusion", requests, http, signer, owner, () -> inclusion(base, eventIds, random, stage));
                    measure("consistency", requests, http, signer, owner, () -> consistency(base, random, stage));
                }
                if (kept != null && filled == null) {
                    new FilledTree(spaceId, leaves, eventIds).writeTo(data);
                }
            }
        } finally {
            if (kept == null) {
                TemporaryDirectories.deleteRecursively(data);
            }
        }
    }

    /**
     * What a run with {@code data=DIR} filled, so that a later run on the same directory measures the proofs at once
     * (filling 1,000,000 leaves takes minutes).
     */
    private record FilledTree(UUID spaceId, long size, List<UUID> sample) {
        private static final String FILE = "log-proofs-bench.txt";

        static FilledTree readFrom(Path data) throws java.io.IOException {
            Path file = data.resolve(FILE);
            if (!Files.exists(file)) {
                return null;
            }
            List<String> lines = Files.readAllLines(file);
            return new FilledTree(
                    UUID.fromString(lines.get(0)),
                    Long.parseLong(lines.get(1)),
                    lines.subList(2, lines.size()).stream()
                            .map(UUID::fromString)
                            .toList());
        }

        void writeTo(Path data) throws java.io.IOException {
            List<String> lines = new ArrayList<>(List.of(spaceId.toString(), Long.toString(size)));
            sample.forEach(id -> lines.add(id.toString()));
            Files.write(data.resolve(FILE), lines);
        }
    }

    private static String consistency(String base, Random random, long treeSize) {
        long first = 1 + (long) (random.nextDouble() * (treeSize - 1));
        return base + "consistency?first=" + first + "&second=" + treeSize;
    }

    private static String inclusion(String base, List<UUID> eventIds, Random random, long treeSize) {
        return base + "inclusion?eventId=" + eventIds.get(random.nextInt(eventIds.size())) + "&treeSize=" + treeSize;
    }

    /** 10,000, then 100,000, 250,000, 500,000, 1,000,000, ... up to {@code leaves}: how the times grow with size. */
    private static List<Long> stages(long leaves) {
        List<Long> stages = new ArrayList<>();
        for (long stage : new long[] {10_000, 100_000, 250_000, 500_000}) {
            if (stage < leaves) {
                stages.add(stage);
            }
        }
        stages.add(leaves);
        return stages;
    }

    private static void measure(
            String what,
            int requests,
            HttpClient http,
            PrincipalHeaders signer,
            Principal owner,
            java.util.function.Supplier<String> urls)
            throws Exception {
        Histogram latency = new Histogram(3);
        for (int i = 0; i < requests; i++) {
            URI uri = URI.create(urls.get());
            HttpRequest.Builder request = HttpRequest.newBuilder(uri);
            signer.sign(owner, "GET", uri.getRawPath()).forEach(request::header);
            long t0 = System.nanoTime();
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            latency.recordValue(System.nanoTime() - t0);
            if (response.statusCode() != 200) {
                throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode body = JSON.readTree(response.body());
            if (!body.has("hashes")) {
                throw new IllegalStateException(what + " answered no hashes: " + response.body());
            }
        }
        if (!what.equals("warm-up")) {
            System.out.printf(
                    "%s proof at the full size, one request at a time (%d): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    what,
                    requests,
                    latency.getValueAtPercentile(50) / 1e6,
                    latency.getValueAtPercentile(99) / 1e6,
                    latency.getMaxValue() / 1e6);
        }
    }

    /**
     * Grows a tree of synthetic leaves, stored as the log stores one: the leaf documents and the tiles of 256 hashes at
     * levels 0, 8, 16, ...; keeps a sample of event ids to ask for.
     */
    private static final class Filler {
        private static final int TILE_WIDTH = 256;
        private final MongoCollection<Document> tiles;
        private final MongoCollection<Document> leafDocuments;
        private final MongoCollection<Document> spaces;
        private final UUID spaceId;
        private final List<UUID> sample;
        private final Deque<Object[]> edge = new ArrayDeque<>();
        /** Per tile level, the hashes of its right-most tile so far. */
        private final List<java.io.ByteArrayOutputStream> openTiles = new ArrayList<>();

        private final List<WriteModel<Document>> tileBatch = new ArrayList<>();
        private long size;

        Filler(MongoDatabase database, UUID spaceId, List<UUID> sample) {
            this.tiles = database.getCollection("log_tiles");
            this.leafDocuments = database.getCollection("log_leaves");
            this.spaces = database.getCollection("log_spaces");
            this.spaceId = spaceId;
            this.sample = sample;
        }

        void fillTo(long leaves) {
            List<Document> leafBatch = new ArrayList<>();
            for (; size < leaves; size++) {
                long index = size;
                UUID eventId = UUID.randomUUID();
                if (index % 97 == 0) {
                    sample.add(eventId);
                }
                byte[] input = ("{\"eventId\":\"" + eventId + "\",\"revision\":" + index + "}")
                        .getBytes(StandardCharsets.UTF_8);
                byte[] hash = MerkleHash.leaf(input);
                leafBatch.add(new Document("_id", spaceId + "/" + eventId)
                        .append("index", index)
                        .append("input", new Binary(input)));
                addToTile(0, index, hash);
                int level = 0;
                while (!edge.isEmpty() && (int) edge.peekLast()[0] == level) {
                    hash = MerkleHash.node((byte[]) edge.removeLast()[1], hash);
                    level++;
                    if (level % 8 == 0) {
                        addToTile(level / 8, index >> level, hash);
                    }
                }
                edge.addLast(new Object[] {level, hash});
                if (leafBatch.size() >= BATCH) {
                    write(leafBatch);
                }
            }
            for (int t = 0; t < openTiles.size(); t++) {
                if (openTiles.get(t).size() > 0) {
                    tileBatch.add(tile(
                            t, (size >> (8 * t)) / TILE_WIDTH, openTiles.get(t).toByteArray()));
                }
            }
            write(leafBatch);
            spaces.replaceOne(
                    new Document("_id", spaceId.toString()),
                    new Document("_id", spaceId.toString())
                            .append("version", size)
                            .append("size", size)
                            .append("contentSize", size)
                            .append("commit", 0L)
                            .append("prepare", 0L),
                    new com.mongodb.client.model.ReplaceOptions().upsert(true));
        }

        private void addToTile(int tileLevel, long nodeIndex, byte[] hash) {
            while (openTiles.size() <= tileLevel) {
                openTiles.add(new java.io.ByteArrayOutputStream());
            }
            java.io.ByteArrayOutputStream open = openTiles.get(tileLevel);
            open.writeBytes(hash);
            if (open.size() == TILE_WIDTH * 32) {
                tileBatch.add(tile(tileLevel, nodeIndex / TILE_WIDTH, open.toByteArray()));
                open.reset();
            }
        }

        private WriteModel<Document> tile(int tileLevel, long index, byte[] hashes) {
            String id = spaceId + "/" + tileLevel + "/" + index;
            return new ReplaceOneModel<>(
                    new Document("_id", id),
                    new Document("_id", id).append("w", hashes.length / 32).append("h", new Binary(hashes)),
                    new com.mongodb.client.model.ReplaceOptions().upsert(true));
        }

        private void write(List<Document> leafBatch) {
            if (!leafBatch.isEmpty()) {
                leafDocuments.insertMany(leafBatch, new InsertManyOptions().ordered(false));
                leafBatch.clear();
            }
            if (!tileBatch.isEmpty()) {
                tiles.bulkWrite(tileBatch);
                tileBatch.clear();
            }
        }
    }

    private static long longArg(String[] args, String name, long fallback) {
        for (String arg : args) {
            if (arg.startsWith(name + "=")) {
                return Long.parseLong(arg.substring(name.length() + 1));
            }
        }
        return fallback;
    }
}
