package dev.ledgerloop.bench;

import static dev.ledgerloop.bench.BenchArgs.intArg;
import static dev.ledgerloop.bench.BenchArgs.stringArg;

import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.EventStoreDBConnectionString;
import com.eventstore.dbclient.Position;
import com.eventstore.dbclient.ReadAllOptions;
import com.eventstore.dbclient.RecordedEvent;
import com.eventstore.dbclient.ResolvedEvent;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import dev.ledgerloop.bench.peer.ProcessCpu;
import dev.ledgerloop.bench.peer.TemporaryDirectories;
import dev.ledgerloop.eventstore.EventStoreDbPositionToken;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.platform.runtime.CommonPool;
import dev.ledgerloop.standalone.LedgerloopSystem;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * What a rebuild pays before any view computes anything (docs/rebuild-benchmark.md): {@code $all} read from the start
 * through db-client-java in pages of 256 as the engine reads it, without decoding (the embedded node, gRPC and the
 * client); read through the engine, decrypted and decoded into events as a rebuild reads it; the same with every
 * view's handlers looked up for each event; and the views' documents written once into a fresh H2 store. Each part
 * runs {@code rounds} times in turns on the system a {@code rebuild data=DIR} run kept, with its processors caught up
 * and idle; the figures are the CPU time of this JVM (node, client and engine alike) and the wall time, medians of
 * the rounds after the first. Arguments {@code name=value}: {@code data} (required), {@code rounds} (4).
 */
public final class RebuildFloorBenchmark {
    private static final int PAGE = 256;
    private static final String RAW = "$all through db-client-java, not decoded (node + gRPC + client)";
    private static final String DECODED = "$all through the engine, decrypted and decoded (what a rebuild reads)";
    private static final String LOOKED_UP =
            "the same, and each view's handler looked up for each event (Axon's adapter), none run";
    private static final String STORED =
            "the views' documents BSON-encoded into a fresh H2 store, nothing else (what a rebuild writes at least)";
    private static final int COMMIT_EVERY = 1_000;

    private final EventStoreDBClient client;
    private final EventStoreDbStorageEngine engine;
    private final ViewDocuments views;
    private final List<AnnotationEventHandlerAdapter> handlers;
    private final long events;

    private RebuildFloorBenchmark(
            EventStoreDBClient client,
            EventStoreDbStorageEngine engine,
            ViewDocuments views,
            List<AnnotationEventHandlerAdapter> handlers,
            long events) {
        this.client = client;
        this.engine = engine;
        this.views = views;
        this.handlers = handlers;
        this.events = events;
    }

    public static void main(String[] args) throws Exception {
        CommonPool.ensureParallelism();
        String kept = stringArg(args, "data");
        int rounds = intArg(args, "rounds", 4);
        LoadedLog loaded = kept == null ? null : LoadedLog.readFrom(Path.of(kept));
        if (loaded == null) {
            throw new IllegalArgumentException(
                    "data=DIR must name a directory a run of `rebuild data=DIR` loaded and kept");
        }
        try (LedgerloopSystem system = LedgerloopSystem.start(Path.of(kept), 0)) {
            GatewayClient gateway = new GatewayClient("http://localhost:" + system.gatewayPort(), loaded.key());
            new ProcessorLag(gateway).awaitCaughtUp(ProcessorLag.catchUpBound(loaded.events()), true);
            EventStoreDBClient client = EventStoreDBClient.create(
                    EventStoreDBConnectionString.parseOrThrow(system.eventStoreConnectionString()));
            try {
                EventStoreDbStorageEngine engine =
                        system.backendContexts().get(1).getBean(EventStoreDbStorageEngine.class);
                ViewDocuments views = ViewDocuments.of(system);
                System.out.printf(
                        "the views hold %,d documents in %d collections%n", views.documents(), views.collections());
                new RebuildFloorBenchmark(client, engine, views, handlersOf(system), loaded.events()).run(rounds);
            } finally {
                client.shutdown();
            }
        }
    }

    private record Part(long events, double seconds, double cpuSeconds) {
        double cpuMicrosPerEvent() {
            return cpuSeconds * 1e6 / events;
        }
    }

    private void run(int rounds) throws Exception {
        Map<String, List<Part>> parts = new LinkedHashMap<>();
        parts.put(RAW, new ArrayList<>());
        parts.put(DECODED, new ArrayList<>());
        parts.put(LOOKED_UP, new ArrayList<>());
        parts.put(STORED, new ArrayList<>());
        Map<String, Reader> readers = Map.of(
                RAW, this::readRaw, DECODED, this::readDecoded, LOOKED_UP, this::lookUpHandlers, STORED, this::store);
        for (int round = 1; round <= rounds; round++) {
            for (String name : parts.keySet()) {
                Part part = timed(readers.get(name));
                System.out.printf(
                        "round %d, %s: %,d events in %.2f s = %,.0f events/s; CPU %.2f s = %.1f µs/event%n",
                        round,
                        name,
                        part.events(),
                        part.seconds(),
                        part.events() / part.seconds(),
                        part.cpuSeconds(),
                        part.cpuMicrosPerEvent());
                if (round > 1 || rounds == 1) {
                    parts.get(name).add(part);
                }
            }
        }
        System.out.println();
        System.out.println("| part (medians of the rounds after the first) | events/s | CPU µs/event |");
        System.out.println("|---|---|---|");
        parts.forEach((name, measured) -> System.out.printf(
                "| %s | %,.0f | %.1f |%n",
                name,
                median(measured.stream().mapToDouble(p -> p.events() / p.seconds())),
                median(measured.stream().mapToDouble(Part::cpuMicrosPerEvent))));
    }

    private interface Reader {
        long read() throws Exception;
    }

    private static Part timed(Reader reader) throws Exception {
        long cpu = ProcessCpu.ofThisJvm();
        long start = System.nanoTime();
        long events = reader.read();
        return new Part(events, (System.nanoTime() - start) / 1e9, (ProcessCpu.ofThisJvm() - cpu) / 1e9);
    }

    /** Every record of {@code $all}, page by page, touching each one's bytes; counts the aggregates' events. */
    private long readRaw() throws Exception {
        long events = 0;
        long bytes = 0;
        Position after = null;
        while (true) {
            ReadAllOptions options = ReadAllOptions.get().forwards().maxCount(after == null ? PAGE : PAGE + 1L);
            options = after == null ? options.fromStart() : options.fromPosition(after);
            List<ResolvedEvent> page =
                    client.readAll(options).get(30, TimeUnit.SECONDS).getEvents();
            int fresh = 0;
            for (ResolvedEvent resolved : page) {
                RecordedEvent event = resolved.getEvent();
                if (after != null && event.getPosition().equals(after)) {
                    continue;
                }
                fresh++;
                bytes += event.getEventData().length + event.getUserMetadata().length;
                if (!event.getStreamId().startsWith("$")
                        && !event.getEventType().startsWith("$")) {
                    events++;
                }
                after = event.getPosition();
            }
            if (fresh == 0) {
                break;
            }
        }
        if (bytes == 0) {
            throw new IllegalStateException("$all held no bytes");
        }
        return events;
    }

    /**
     * Every view document encoded with mongo-java-server's BSON codec (as the embedded store writes a document) into a
     * map of a fresh H2 store, committed every {@link #COMMIT_EVERY} documents and closed (written out); no index, no
     * view computed. Answers the events the views were built from, so that its CPU per event adds to the reads'.
     */
    private long store() throws Exception {
        Path directory = Files.createTempDirectory("rebuild-floor-store");
        try {
            MVStore store = new MVStore.Builder()
                    .fileName(directory.resolve("views.mv.db").toString())
                    .autoCommitDisabled()
                    .open();
            long written = 0;
            for (Map.Entry<String, List<Document>> collection :
                    views.byCollection().entrySet()) {
                MVMap<Long, byte[]> map = store.openMap(collection.getKey());
                long key = 0;
                for (Document document : collection.getValue()) {
                    ByteBuf bson = Unpooled.buffer(256);
                    BsonEncoder.encodeDocument(document, bson);
                    byte[] bytes = new byte[bson.readableBytes()];
                    bson.readBytes(bytes);
                    bson.release();
                    map.put(key++, bytes);
                    if (++written % COMMIT_EVERY == 0) {
                        store.commit();
                    }
                }
            }
            store.close();
            if (written != views.documents()) {
                throw new IllegalStateException("wrote " + written + " of " + views.documents() + " documents");
            }
            return events;
        } finally {
            TemporaryDirectories.deleteRecursively(directory);
        }
    }

    /**
     * A fresh instance of every view's handlers, each in Axon's adapter as a rebuild holds it; given the live database,
     * but only asked what they handle.
     */
    private static List<AnnotationEventHandlerAdapter> handlersOf(LedgerloopSystem system) {
        return ViewDocuments.liveViews(system).stream()
                .map(view -> new AnnotationEventHandlerAdapter(view.projection().writingTo(view.database())))
                .toList();
    }

    /** {@link #readDecoded}, and every view's adapter asked whether it handles each event. */
    private long lookUpHandlers() {
        long[] handled = {0};
        long events = eachDecoded(event -> {
            for (AnnotationEventHandlerAdapter handler : handlers) {
                if (handler.canHandle(event)) {
                    handled[0]++;
                }
            }
        });
        if (handled[0] == 0) {
            throw new IllegalStateException("no view handles any event");
        }
        System.out.printf(
                "  %,d handler calls for %,d events: %.2f views handle an event on average%n",
                handled[0], events, (double) handled[0] / events);
        return events;
    }

    /** Every event of {@code $all} through the engine, its payload and metadata decoded. */
    private long readDecoded() {
        long[] decoded = {0};
        eachDecoded(event -> {
            if (event.getPayload() != null && !event.getMetaData().isEmpty()) {
                decoded[0]++;
            }
        });
        return decoded[0];
    }

    /** Hands every event of {@code $all}, read through the engine from the start, to {@code work}; counts them. */
    private long eachDecoded(Consumer<TrackedEventMessage<?>> work) {
        long events = 0;
        try (Stream<? extends TrackedEventMessage<?>> stream =
                engine.readEvents(EventStoreDbPositionToken.TAIL, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = stream.iterator();
            while (iterator.hasNext()) {
                work.accept(iterator.next());
                events++;
            }
        }
        return events;
    }

    private static double median(DoubleStream values) {
        double[] sorted = values.sorted().toArray();
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    }
}
