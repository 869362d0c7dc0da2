package dev.ledgerloop.bench.peer;

import static dev.ledgerloop.bench.BenchArgs.intArg;

import com.eventstore.dbclient.AppendToStreamOptions;
import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.EventStoreDBConnectionString;
import com.eventstore.dbclient.ExpectedRevision;
import com.eventstore.dbclient.proto.serverfeatures.ServerFeaturesGrpc;
import com.eventstore.dbclient.proto.shared.Shared;
import com.eventstore.dbclient.proto.streams.StreamsGrpc;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.AppendReq;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.AppendResp;
import com.google.protobuf.ByteString;
import dev.ledgerloop.eventstore.embedded.EmbeddedEventStoreNode;
import dev.ledgerloop.eventstore.embedded.NodeSettings;
import dev.ledgerloop.platform.runtime.CommonPool;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What one durable append costs at one in flight, taken apart: the disk's write and fdatasync (at the end of a growing
 * file, as the node appends, and inside a preallocated one, as PostgreSQL's WAL is written), a gRPC round trip to
 * the embedded node that does nothing (the transport alone), the node's append through gRPC's generated stubs (the
 * transport, the node and its fsync), the same append through db-client-java (what the product's engine uses), and
 * the peer's one-row INSERT committed on a throwaway PostgreSQL (its WAL fdatasync). Each is measured one at a time,
 * in turns, in blocks, after a warm-up of all of them, so the machine's load falls on each alike; every append is
 * durable before it is answered. Arguments {@code name=value}: {@code warmup} (30 s), {@code blocks} (10),
 * {@code perBlock} (1000), {@code eventBytes} (417, the product's {@code MessageSent} as the peer benchmark stores
 * it), {@code pgBin} ({@code /usr/lib/postgresql/15/bin}).
 */
public final class AppendFloorBenchmark {
    private static final long CALL_SECONDS = 10;
    private static final String DISK = "disk: write + fdatasync, growing file";
    private static final String DISK_PREALLOCATED = "disk: write + fdatasync, preallocated file";
    private static final long PREALLOCATED_BYTES = 64L * 1024 * 1024;
    private static final String TRANSPORT = "gRPC round trip, no work (the transport)";
    private static final String NODE = "node append, gRPC stubs (transport + node + fsync)";
    private static final String CLIENT = "node append, db-client-java (the engine's way)";
    private static final String PEER = "PostgreSQL INSERT, auto-commit (the peer's way)";

    private final byte[] data;
    private final byte[] metadata = "{\"actor\":\"agent:bench\",\"space\":\"bench\"}".getBytes(StandardCharsets.UTF_8);
    private final FileChannel file;
    private final FileChannel preallocated;
    private final EventStoreDBClient client;
    private final ManagedChannel channel;
    private final PreparedStatement insert;
    private long preallocatedPosition;
    private long sequence;

    private AppendFloorBenchmark(
            byte[] data,
            FileChannel file,
            FileChannel preallocated,
            EventStoreDBClient client,
            ManagedChannel channel,
            PreparedStatement insert) {
        this.data = data;
        this.file = file;
        this.preallocated = preallocated;
        this.client = client;
        this.channel = channel;
        this.insert = insert;
    }

    public static void main(String[] args) throws Exception {
        CommonPool.ensureParallelism();
        int warmup = intArg(args, "warmup", 30);
        int blocks = intArg(args, "blocks", 10);
        int perBlock = intArg(args, "perBlock", 1000);
        int eventBytes = intArg(args, "eventBytes", 417);
        Path pgBin = ThrowawayPostgres.binDirectory(args);
        byte[] data = new byte[eventBytes];
        Arrays.fill(data, (byte) 'x');
        Path directory = Files.createTempDirectory("ledgerloop-append-floor-");
        System.out.printf(
                "One durable append at 1 in flight, taken apart (%d processors): warmup=%d s blocks=%d perBlock=%d"
                        + " eventBytes=%d pgBin=%s%n",
                Runtime.getRuntime().availableProcessors(), warmup, blocks, perBlock, eventBytes, pgBin);
        // PostgreSQL beside our directory, not in it: ours is owner-only, PostgreSQL may run as another user.
        try (ThrowawayPostgres postgres = ThrowawayPostgres.start(pgBin, directory.getParent());
                Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), ThrowawayPostgres.USER, null);
                EmbeddedEventStoreNode node = EmbeddedEventStoreNode.start(
                        NodeSettings.of(directory.resolve("node")).withPort(0));
                FileChannel file = FileChannel.open(
                        directory.resolve("node").resolve("fsync-probe"),
                        StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                FileChannel preallocated = preallocate(directory.resolve("node").resolve("fsync-probe-preallocated"))) {
            connection.setAutoCommit(true);
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE TABLE events (id BIGSERIAL PRIMARY KEY, payload BYTEA)");
            }
            EventStoreDBClient client =
                    EventStoreDBClient.create(EventStoreDBConnectionString.parseOrThrow(node.connectionString()));
            ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", node.port())
                    .usePlaintext()
                    .directExecutor()
                    .build();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO events (payload) VALUES (?)")) {
                new AppendFloorBenchmark(data, file, preallocated, client, channel, insert)
                        .measure(warmup, blocks, perBlock);
            } finally {
                channel.shutdownNow().awaitTermination(CALL_SECONDS, TimeUnit.SECONDS);
                client.shutdown().get(CALL_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            TemporaryDirectories.deleteRecursively(directory);
        }
        // The client's transport threads are not daemons.
        System.exit(0);
    }

    private void measure(int warmupSeconds, int blocks, int perBlock) throws Exception {
        String[] kinds = {DISK, DISK_PREALLOCATED, TRANSPORT, NODE, CLIENT, PEER};
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
        while (System.nanoTime() < warmupEnd) {
            for (String kind : kinds) {
                once(kind);
            }
        }
        Map<String, long[]> nanos = new LinkedHashMap<>();
        for (String kind : kinds) {
            nanos.put(kind, new long[blocks * perBlock]);
        }
        for (int block = 0; block < blocks; block++) {
            for (String kind : kinds) {
                long[] samples = nanos.get(kind);
                for (int i = 0; i < perBlock; i++) {
                    long started = System.nanoTime();
                    once(kind);
                    samples[block * perBlock + i] = System.nanoTime() - started;
                }
            }
        }
        System.out.printf("%-52s %9s %9s %9s%n", "one at a time", "p50 ms", "p90 ms", "p99 ms");
        Map<String, Double> medians = new LinkedHashMap<>();
        nanos.forEach((kind, samples) -> {
            Arrays.sort(samples);
            medians.put(kind, millis(samples, 0.5));
            System.out.printf(
                    "%-52s %9.3f %9.3f %9.3f%n",
                    kind, millis(samples, 0.5), millis(samples, 0.9), millis(samples, 0.99));
        });
        System.out.printf(
                "at the median: db-client-java adds %.3f ms to the node's append; the node adds %.3f ms to the"
                        + " transport and the disk; the transport and the disk alone take %.3f ms (%.3f with a"
                        + " preallocated file), the peer's whole insert %.3f ms%n",
                medians.get(CLIENT) - medians.get(NODE),
                medians.get(NODE) - medians.get(TRANSPORT) - medians.get(DISK),
                medians.get(TRANSPORT) + medians.get(DISK),
                medians.get(TRANSPORT) + medians.get(DISK_PREALLOCATED),
                medians.get(PEER));
    }

    /** A file written to its full size and synced once, so that later writes inside it change no file size. */
    private static FileChannel preallocate(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        ByteBuffer zeros = ByteBuffer.allocate(1024 * 1024);
        for (long written = 0; written < PREALLOCATED_BYTES; written += zeros.capacity()) {
            channel.write(zeros.clear(), written);
        }
        channel.force(true);
        return channel;
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))] / 1e6;
    }

    private void once(String kind) throws Exception {
        String stream = "Session-" + (sequence++ % 200);
        switch (kind) {
            case DISK -> {
                file.write(ByteBuffer.wrap(data));
                file.force(false);
            }
            case DISK_PREALLOCATED -> {
                if (preallocatedPosition + data.length > PREALLOCATED_BYTES) {
                    preallocatedPosition = 0;
                }
                preallocatedPosition += preallocated.write(ByteBuffer.wrap(data), preallocatedPosition);
                preallocated.force(false);
            }
            case TRANSPORT ->
                ServerFeaturesGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS)
                        .getSupportedMethods(Shared.Empty.getDefaultInstance());
            case NODE -> appendThroughStubs(stream);
            case CLIENT ->
                client.appendToStream(
                                stream,
                                AppendToStreamOptions.get().expectedRevision(ExpectedRevision.any()),
                                EventData.builderAsJson(UUID.randomUUID(), "MessageSent", data)
                                        .metadataAsBytes(metadata)
                                        .build())
                        .get(CALL_SECONDS, TimeUnit.SECONDS);
            case PEER -> {
                insert.setBytes(1, data);
                insert.executeUpdate();
            }
            default -> throw new IllegalArgumentException(kind);
        }
    }

    /** The append db-client-java sends (options, then one proposed message), through the generated stubs. */
    private void appendThroughStubs(String stream) throws Exception {
        CompletableFuture<AppendResp> answer = new CompletableFuture<>();
        StreamObserver<AppendReq> request = StreamsGrpc.newStub(channel)
                .withDeadlineAfter(CALL_SECONDS, TimeUnit.SECONDS)
                .append(new StreamObserver<>() {
                    @Override
                    public void onNext(AppendResp response) {
                        answer.complete(response);
                    }

                    @Override
                    public void onError(Throwable error) {
                        answer.completeExceptionally(error);
                    }

                    @Override
                    public void onCompleted() {
                        answer.completeExceptionally(new IllegalStateException("no answer to the append"));
                    }
                });
        request.onNext(AppendReq.newBuilder()
                .setOptions(AppendReq.Options.newBuilder()
                        .setStreamIdentifier(
                                Shared.StreamIdentifier.newBuilder().setStreamName(ByteString.copyFromUtf8(stream)))
                        .setAny(Shared.Empty.getDefaultInstance()))
                .build());
        request.onNext(AppendReq.newBuilder()
                .setProposedMessage(AppendReq.ProposedMessage.newBuilder()
                        .setId(Shared.UUID
                                .newBuilder()
                                .setString(UUID.randomUUID().toString()))
                        .putMetadata("type", "MessageSent")
                        .putMetadata("content-type", "application/json")
                        .setCustomMetadata(ByteString.copyFrom(metadata))
                        .setData(ByteString.copyFrom(data)))
                .build());
        request.onCompleted();
        AppendResp response = answer.get(CALL_SECONDS, TimeUnit.SECONDS);
        if (!response.hasSuccess()) {
            throw new IllegalStateException("the node refused the append: " + response);
        }
    }
}
