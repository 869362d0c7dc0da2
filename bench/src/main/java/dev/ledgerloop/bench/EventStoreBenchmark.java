package dev.ledgerloop.bench;

import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.EventStoreDBConnectionString;
import com.eventstore.dbclient.ReadAllOptions;
import com.eventstore.dbclient.ReadMessage;
import com.eventstore.dbclient.RecordedEvent;
import com.eventstore.dbclient.ResolvedEvent;
import com.eventstore.dbclient.SubscribeToAllOptions;
import com.eventstore.dbclient.SubscribeToStreamOptions;
import com.eventstore.dbclient.Subscription;
import com.eventstore.dbclient.SubscriptionListener;
import dev.ledgerloop.bench.peer.TemporaryDirectories;
import dev.ledgerloop.eventstore.embedded.EmbeddedEventStoreNode;
import dev.ledgerloop.eventstore.embedded.NodeSettings;
import dev.ledgerloop.eventstore.embedded.store.StreamDatabase;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.reactivestreams.Subscriber;

/**
 * A benchmark (not a test) of the embedded EventStoreDB-protocol node, measured through the official client
 * {@code db-client-java} over loopback. It starts an {@link EmbeddedEventStoreNode} on a fresh temporary data
 * directory (deleted afterwards) and prints one table of figures:
 *
 * <ol>
 *   <li>appends per second of single-event appends with 1 and 16 appends in flight (asynchronous futures, a
 *       semaphore bounds the number in flight; one driver thread);
 *   <li>appends and events per second of 100-event appends, likewise;
 *   <li>{@code $all} read throughput: {@code readAllReactive} forwards from the start over at least
 *       {@code readEvents} events (the log is topped up with batch appends first if the phases before did not
 *       write that many);
 *   <li>subscription end-to-end latency: one stream subscription and one {@code $all} subscription (from the
 *       end) receive single-event appends sent at a steady pace; latency is receive time minus the
 *       {@link System#nanoTime()} embedded in the event data, reported as p50/p99/max, next to the append
 *       acknowledgement latency of the same appends;
 *   <li>the raw fsync rate of the disk under the data directory: 4 KiB appended to a file and
 *       {@link FileChannel#force(boolean) force(false)} in a loop.
 * </ol>
 *
 * <p>Every event carries about {@code eventBytes} bytes of JSON. Each append phase is preceded by a common warm-up
 * and the latency phase discards its first {@code latencyWarmup} samples. With the defaults the whole run takes
 * well under two minutes on two cores.
 *
 * <p>Settings, as system properties ({@code java -Dbench.appendSeconds=10 -jar bench.jar}) or as arguments
 * ({@code java -jar bench.jar appendSeconds=10}, a leading {@code --} or {@code bench.} is accepted too):
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code bench.dir}</td><td>{@code java.io.tmpdir}</td><td>where the temporary data directory is
 *       created (choose the disk to measure)</td></tr>
 *   <tr><td>{@code bench.warmupSeconds}</td><td>3</td><td>warm-up of appends and reads before measuring</td></tr>
 *   <tr><td>{@code bench.appendSeconds}</td><td>5</td><td>duration of each measured append phase</td></tr>
 *   <tr><td>{@code bench.concurrency}</td><td>1,16</td><td>appends in flight, single-event phases</td></tr>
 *   <tr><td>{@code bench.batchSize}</td><td>100</td><td>events per append, batch phases</td></tr>
 *   <tr><td>{@code bench.batchConcurrency}</td><td>1,16</td><td>appends in flight, batch phases</td></tr>
 *   <tr><td>{@code bench.eventBytes}</td><td>200</td><td>size of each event's JSON data</td></tr>
 *   <tr><td>{@code bench.readEvents}</td><td>200000</td><td>events read from {@code $all} per pass (the log
 *       is filled up to this many first)</td></tr>
 *   <tr><td>{@code bench.readPasses}</td><td>2</td><td>measured {@code $all} read passes</td></tr>
 *   <tr><td>{@code bench.latencySamples}</td><td>3000</td><td>measured subscription latency samples</td></tr>
 *   <tr><td>{@code bench.latencyWarmup}</td><td>500</td><td>latency samples sent first and discarded</td></tr>
 *   <tr><td>{@code bench.latencyIntervalMicros}</td><td>2000</td><td>pause between two paced appends</td></tr>
 *   <tr><td>{@code bench.fsyncSeconds}</td><td>2</td><td>duration of the raw fsync loop</td></tr>
 *   <tr><td>{@code bench.commonPoolParallelism}</td><td>2</td><td>parallelism of the common fork-join pool,
 *       set before anything uses it unless {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism} is
 *       given; 0 keeps the JVM default (see below)</td></tr>
 * </table>
 *
 * <p>db-client-java 5.4 passes every operation through {@code CompletableFuture.thenComposeAsync} without an
 * executor. On a machine with 2 CPUs or fewer the common pool's parallelism is 1, and the JDK then starts a new
 * thread for every such task: the client costs a thread start per append, which dominates these figures. The
 * benchmark therefore raises the parallelism to 2 by default and prints what is in effect; run with
 * {@code commonPoolParallelism=0} to see the JVM default.
 *
 * <p>Run from the repository root: {@code ./mvnw -q -DskipTests package -pl bench -am && java -jar
 * bench/target/bench.jar}.
 */
public final class EventStoreBenchmark {
    private static final String EVENT_TYPE = "BenchEvent";
    private static final String ROW = "%-44s %9s %8s %11s %11s %9s %9s %9s%n";
    private static final long OPERATION_TIMEOUT_SECONDS = 60;

    private final Config config;
    private final EventStoreDBClient client;
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong sequence = new AtomicLong();
    private final Supplier<StreamDatabase.WriteStats> writeStats;
    private long eventsWritten;

    private EventStoreBenchmark(
            Config config, EventStoreDBClient client, Supplier<StreamDatabase.WriteStats> writeStats) {
        this.writeStats = writeStats;
        this.config = config;
        this.client = client;
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            Config config = Config.load(args);
            String asyncPool = configureAsyncPool(config.commonPoolParallelism());
            run(config, asyncPool);
        } catch (Throwable e) {
            System.out.flush();
            System.err.println("Benchmark failed: " + e);
            e.printStackTrace();
            status = 1;
        }
        // The client's transport threads are not daemons.
        System.exit(status);
    }

    /**
     * db-client-java hands every operation to {@code CompletableFuture.thenComposeAsync} without an executor. With
     * a common-pool parallelism below 2 (any machine with 2 CPUs or fewer) the JDK runs such tasks on a brand-new
     * thread each, so a client on a small machine pays a thread start per append. Unless told otherwise the
     * benchmark raises the parallelism to 2 before anything touches the common pool, so that it measures the node
     * rather than thread creation; {@code bench.commonPoolParallelism=0} keeps the JVM's default.
     */
    private static String configureAsyncPool(int parallelism) {
        String property = "java.util.concurrent.ForkJoinPool.common.parallelism";
        String note = "JVM default";
        if (parallelism > 0 && System.getProperty(property) == null) {
            System.setProperty(property, Integer.toString(parallelism));
            note = "set by bench.commonPoolParallelism";
        } else if (System.getProperty(property) != null) {
            note = "-D" + property;
        }
        Executor executor = new CompletableFuture<Void>().defaultExecutor();
        String pool = executor instanceof ForkJoinPool
                ? "ForkJoinPool.commonPool"
                : executor.getClass().getSimpleName() + " (a new thread per async task)";
        return String.format(
                "CompletableFuture async tasks run on %s, common-pool parallelism %d (%s)",
                pool, ForkJoinPool.getCommonPoolParallelism(), note);
    }

    private static void run(Config config, String asyncPool) throws Exception {
        Path dataDirectory = Files.createTempDirectory(config.parentDirectory(), "ledgerloop-bench-");
        Thread cleanUp = new Thread(() -> TemporaryDirectories.deleteRecursively(dataDirectory), "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanUp);
        try {
            printHeader(config, dataDirectory, asyncPool);
            Path nodeDirectory = dataDirectory.resolve("node");
            try (EmbeddedEventStoreNode node =
                    EmbeddedEventStoreNode.start(NodeSettings.of(nodeDirectory).withPort(0))) {
                System.out.printf("Node     : %s%n%n", node.connectionString());
                EventStoreDBClient client =
                        EventStoreDBClient.create(EventStoreDBConnectionString.parseOrThrow(node.connectionString()));
                try {
                    new EventStoreBenchmark(config, client, node::writeStats).measureNode();
                } finally {
                    client.shutdown().get(10, TimeUnit.SECONDS);
                }
            }
            measureFsync(config, dataDirectory);
        } finally {
            TemporaryDirectories.deleteRecursively(dataDirectory);
            Runtime.getRuntime().removeShutdownHook(cleanUp);
        }
    }

    private static void printHeader(Config config, Path dataDirectory, String asyncPool) throws IOException {
        Runtime runtime = Runtime.getRuntime();
        System.out.println("Ledgerloop embedded EventStoreDB-protocol node benchmark (db-client-java over loopback)");
        System.out.printf(
                "JVM      : %s %s (%s), max heap %d MiB%n",
                System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"),
                System.getProperty("java.vm.vendor"),
                runtime.maxMemory() / (1024 * 1024));
        System.out.printf(
                "Machine  : %d available processors, %s %s %s%n",
                runtime.availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("os.arch"));
        System.out.printf(
                "Data dir : %s (file store %s, type %s)%n",
                dataDirectory,
                Files.getFileStore(dataDirectory).name(),
                Files.getFileStore(dataDirectory).type());
        System.out.printf("Async    : %s%n", asyncPool);
        System.out.printf("Settings : %s%n", config);
    }

    private void measureNode() throws Exception {
        warmUp();
        printColumns();
        for (int inFlight : config.concurrency()) {
            appendPhase(1, inFlight);
        }
        for (int inFlight : config.batchConcurrency()) {
            appendPhase(config.batchSize(), inFlight);
        }
        readPhase();
        latencyPhase();
    }

    private static void printColumns() {
        System.out.printf(
                ROW, "measurement", "count", "seconds", "per second", "events/s", "p50 ms", "p99 ms", "max ms");
        System.out.printf(
                ROW,
                "-".repeat(44),
                "-".repeat(9),
                "-".repeat(8),
                "-".repeat(11),
                "-".repeat(11),
                "-".repeat(9),
                "-".repeat(9),
                "-".repeat(9));
    }

    // ---- warm-up ------------------------------------------------------------------------------------------------

    private void warmUp() throws Exception {
        long seconds = config.warmupSeconds();
        if (seconds <= 0) {
            return;
        }
        System.out.printf("Warming up for about %d s...%n%n", seconds * 2);
        int inFlight = Math.max(max(config.concurrency()), max(config.batchConcurrency()));
        drive(TimeUnit.SECONDS.toNanos(seconds), inFlight, slot -> append("bench-warmup-" + slot, 1));
        drive(TimeUnit.SECONDS.toNanos(seconds), inFlight, slot -> append("bench-warmup-" + slot, config.batchSize()));
        readAll(20_000);
    }

    // ---- appends ------------------------------------------------------------------------------------------------

    private void appendPhase(int eventsPerAppend, int inFlight) throws Exception {
        String prefix = "bench-" + run + "-b" + eventsPerAppend + "-c" + inFlight + "-";
        StreamDatabase.WriteStats before = writeStats.get();
        Drive result = drive(
                TimeUnit.SECONDS.toNanos(config.appendSeconds()),
                inFlight,
                slot -> append(prefix + slot, eventsPerAppend));
        double seconds = result.nanos() / 1e9;
        eventsWritten += result.operations() * eventsPerAppend;
        row(
                String.format(
                        "append %d event%s/append, %d in flight",
                        eventsPerAppend, eventsPerAppend == 1 ? "" : "s", inFlight),
                Long.toString(result.operations()),
                seconds,
                result.operations() / seconds,
                result.operations() * eventsPerAppend / seconds,
                result.latency());
        StreamDatabase.WriteStats after = writeStats.get();
        long fsyncs = after.fsyncs() - before.fsyncs();
        System.out.printf(
                "%-44s (group commit: %,d fsyncs, %.1f appends per fsync)%n",
                "", fsyncs, fsyncs == 0 ? 0.0 : (double) (after.writes() - before.writes()) / fsyncs);
    }

    private CompletableFuture<?> append(String stream, int events) {
        if (events == 1) {
            return client.appendToStream(stream, event(sequence.getAndIncrement()));
        }
        List<EventData> batch = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            batch.add(event(sequence.getAndIncrement()));
        }
        return client.appendToStream(stream, batch.iterator());
    }

    private record Drive(long operations, long nanos, Histogram latency) {}

    /**
     * Issues operations from this thread for {@code nanos}, keeping at most {@code inFlight} outstanding (a
     * semaphore; completion callbacks release it), then waits for the last ones. Slots (which pick the stream)
     * are handed out round-robin.
     */
    private static Drive drive(long nanos, int inFlight, IntFunction<CompletableFuture<?>> operation) throws Exception {
        return drive(nanos, Long.MAX_VALUE, inFlight, operation);
    }

    /** As above, but also stops issuing after {@code maxOperations}. */
    private static Drive drive(
            long nanos, long maxOperations, int inFlight, IntFunction<CompletableFuture<?>> operation)
            throws Exception {
        Semaphore permits = new Semaphore(inFlight);
        Histogram latency = new ConcurrentHistogram(3);
        AtomicLong completed = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long deadline = start + nanos;
        long issued = 0;
        while (issued < maxOperations && System.nanoTime() < deadline && failure.get() == null) {
            if (!permits.tryAcquire(OPERATION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new TimeoutException("No operation completed in " + OPERATION_TIMEOUT_SECONDS + " s");
            }
            long sent = System.nanoTime();
            operation.apply((int) (issued++ % inFlight)).whenComplete((ignored, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                } else {
                    latency.recordValue(System.nanoTime() - sent);
                    completed.incrementAndGet();
                }
                permits.release();
            });
        }
        if (!permits.tryAcquire(inFlight, OPERATION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new TimeoutException("Operations still in flight after " + OPERATION_TIMEOUT_SECONDS + " s");
        }
        long elapsed = System.nanoTime() - start;
        if (failure.get() != null) {
            throw new IllegalStateException("An operation failed", failure.get());
        }
        return new Drive(completed.get(), elapsed, latency);
    }

    // ---- $all reads ---------------------------------------------------------------------------------------------

    private void readPhase() throws Exception {
        long missing = config.readEvents() - eventsWritten;
        if (missing > 0) {
            long appends = (missing + config.batchSize() - 1) / config.batchSize();
            String prefix = "bench-" + run + "-fill-";
            long started = System.nanoTime();
            drive(
                    Long.MAX_VALUE / 4,
                    appends,
                    max(config.batchConcurrency()),
                    slot -> append(prefix + slot, config.batchSize()));
            eventsWritten += appends * config.batchSize();
            System.out.printf(
                    "(filled the log with %d more events in %.1f s for the read phase)%n",
                    appends * config.batchSize(), (System.nanoTime() - started) / 1e9);
        }
        for (int pass = 1; pass <= config.readPasses(); pass++) {
            ReadPass result = readAll(config.readEvents());
            double seconds = result.nanos() / 1e9;
            row(
                    String.format("read $all forwards from start, pass %d", pass),
                    Long.toString(result.events()),
                    seconds,
                    result.events() / seconds,
                    result.events() / seconds,
                    null);
            System.out.printf(
                    "%-44s %s%n",
                    "",
                    String.format(
                            Locale.ROOT,
                            "(%.1f MB of event data, %.1f MB/s)",
                            result.dataBytes() / 1e6,
                            result.dataBytes() / 1e6 / seconds));
        }
    }

    private record ReadPass(long events, long dataBytes, long nanos) {}

    private ReadPass readAll(long maxCount) throws Exception {
        CompletableFuture<ReadPass> done = new CompletableFuture<>();
        long start = System.nanoTime();
        client.readAllReactive(ReadAllOptions.get().forwards().fromStart().maxCount(maxCount))
                .subscribe(new Subscriber<ReadMessage>() {
                    private long events;
                    private long dataBytes;

                    @Override
                    public void onSubscribe(org.reactivestreams.Subscription subscription) {
                        subscription.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(ReadMessage message) {
                        if (message.hasEvent()) {
                            events++;
                            dataBytes += message.getEvent().getOriginalEvent().getEventData().length;
                        }
                    }

                    @Override
                    public void onError(Throwable error) {
                        done.completeExceptionally(error);
                    }

                    @Override
                    public void onComplete() {
                        done.complete(new ReadPass(events, dataBytes, System.nanoTime() - start));
                    }
                });
        return done.get(OPERATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    // ---- subscription latency -----------------------------------------------------------------------------------

    private void latencyPhase() throws Exception {
        String stream = "bench-" + run + "-latency";
        int warmup = config.latencyWarmup();
        int total = warmup + config.latencySamples();
        LatencyListener streamListener = new LatencyListener(stream, total, warmup);
        LatencyListener allListener = new LatencyListener(stream, total, warmup);
        Subscription streamSubscription = client.subscribeToStream(
                        stream, streamListener, SubscribeToStreamOptions.get().fromStart())
                .get(OPERATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Subscription allSubscription = client.subscribeToAll(
                        allListener, SubscribeToAllOptions.get().fromEnd())
                .get(OPERATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        try {
            streamListener.awaitCaughtUp();
            allListener.awaitCaughtUp();

            Histogram ack = new ConcurrentHistogram(3);
            Histogram lag = new Histogram(3);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            long interval = TimeUnit.MICROSECONDS.toNanos(config.latencyIntervalMicros());
            List<CompletableFuture<?>> acks = new ArrayList<>(total);
            long start = System.nanoTime();
            for (int i = 0; i < total && failure.get() == null; i++) {
                long due = start + i * interval;
                long now;
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(due - now);
                }
                if (i >= warmup) {
                    lag.recordValue(now - due);
                }
                boolean measured = i >= warmup;
                long sent = System.nanoTime();
                acks.add(client.appendToStream(stream, latencyEvent(i, sent)).whenComplete((ignored, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    } else if (measured) {
                        ack.recordValue(System.nanoTime() - sent);
                    }
                }));
            }
            double pacedSeconds = (System.nanoTime() - start) / 1e9;
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(OPERATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            streamListener.awaitAll();
            allListener.awaitAll();
            double rate = total / pacedSeconds;
            String pace = String.format(Locale.ROOT, "(paced every %d us)", config.latencyIntervalMicros());
            row("append ack latency " + pace, Long.toString(ack.getTotalCount()), pacedSeconds, rate, rate, ack);
            row(
                    "subscribeToStream latency (append->onEvent)",
                    Long.toString(streamListener.latency.getTotalCount()),
                    pacedSeconds,
                    rate,
                    rate,
                    streamListener.latency);
            row(
                    "subscribeToAll latency (append->onEvent)",
                    Long.toString(allListener.latency.getTotalCount()),
                    pacedSeconds,
                    rate,
                    rate,
                    allListener.latency);
            if (lag.getMaxValue() > interval) {
                System.out.printf(
                        "%-44s (sender woke late: p99 %.3f ms, max %.3f ms)%n",
                        "", lag.getValueAtPercentile(99) / 1e6, lag.getMaxValue() / 1e6);
            }
        } finally {
            streamSubscription.stop();
            allSubscription.stop();
        }
    }

    /** Records receive time minus the send time embedded in the event; one callback thread per subscription. */
    private static final class LatencyListener extends SubscriptionListener {
        private final String stream;
        private final int warmup;
        private final CountDownLatch caughtUp = new CountDownLatch(1);
        private final CountDownLatch received;
        private final Histogram latency = new Histogram(3);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final ConcurrentHashMap<Long, Boolean> seen = new ConcurrentHashMap<>();

        LatencyListener(String stream, int total, int warmup) {
            this.stream = stream;
            this.warmup = warmup;
            this.received = new CountDownLatch(total);
        }

        @Override
        public void onEvent(Subscription subscription, ResolvedEvent event) {
            long now = System.nanoTime();
            RecordedEvent recorded = event.getOriginalEvent();
            if (!recorded.getStreamId().equals(stream)) {
                return;
            }
            byte[] data = recorded.getEventData();
            long seq = jsonLong(data, "\"seq\":");
            long sent = jsonLong(data, "\"sentNanos\":");
            if (seen.putIfAbsent(seq, Boolean.TRUE) != null) {
                return;
            }
            if (seq >= warmup) {
                latency.recordValue(Math.max(0, now - sent));
            }
            received.countDown();
        }

        @Override
        public void onCaughtUp(Subscription subscription) {
            caughtUp.countDown();
        }

        @Override
        public void onCancelled(Subscription subscription, Throwable error) {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
            caughtUp.countDown();
            while (received.getCount() > 0) {
                received.countDown();
            }
        }

        void awaitCaughtUp() throws InterruptedException {
            // db-client-java reports caught-up when the node sends it; carry on anyway after a while.
            caughtUp.await(5, TimeUnit.SECONDS);
            checkFailure();
        }

        void awaitAll() throws InterruptedException, TimeoutException {
            if (!received.await(OPERATION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new TimeoutException("Subscriber is missing " + received.getCount() + " events");
            }
            checkFailure();
        }

        private void checkFailure() {
            if (failure.get() != null) {
                throw new IllegalStateException("Subscription dropped", failure.get());
            }
        }
    }

    // ---- raw fsync ----------------------------------------------------------------------------------------------

    private static void measureFsync(Config config, Path directory) throws IOException {
        Path file = directory.resolve("fsync-probe.bin");
        Histogram latency = new Histogram(3);
        long count = 0;
        long elapsed;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer block = ByteBuffer.allocateDirect(4096);
            while (block.hasRemaining()) {
                block.put((byte) 'x');
            }
            long position = 0;
            long start = System.nanoTime();
            long deadline = start + TimeUnit.SECONDS.toNanos(config.fsyncSeconds());
            long now = start;
            while (now < deadline) {
                block.clear();
                while (block.hasRemaining()) {
                    position += channel.write(block, position);
                }
                channel.force(false);
                long after = System.nanoTime();
                latency.recordValue(after - now);
                now = after;
                count++;
            }
            elapsed = now - start;
        } finally {
            Files.deleteIfExists(file);
        }
        double seconds = elapsed / 1e9;
        row("raw disk: write 4 KiB + force(false)", Long.toString(count), seconds, count / seconds, null, latency);
        System.out.println();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private EventData event(long seq) {
        return EventData.builderAsJson(UUID.randomUUID(), EVENT_TYPE, json(seq, System.nanoTime()))
                .build();
    }

    private EventData latencyEvent(long seq, long sentNanos) {
        return EventData.builderAsJson(UUID.randomUUID(), EVENT_TYPE, json(seq, sentNanos))
                .build();
    }

    /** About {@code eventBytes} of JSON, padded with a text field. */
    private byte[] json(long seq, long sentNanos) {
        String head = "{\"seq\":" + seq + ",\"sentNanos\":" + sentNanos + ",\"run\":\"" + run
                + "\",\"kind\":\"bench.event\",\"text\":\"";
        String tail = "\"}";
        int pad = Math.max(0, config.eventBytes() - head.length() - tail.length());
        char[] text = new char[pad];
        Arrays.fill(text, 'x');
        return (head + new String(text) + tail).getBytes(StandardCharsets.UTF_8);
    }

    /** The integer after {@code key} in our own flat JSON. */
    private static long jsonLong(byte[] data, String key) {
        String json = new String(data, 0, Math.min(data.length, 96), StandardCharsets.US_ASCII);
        int from = json.indexOf(key);
        if (from < 0) {
            throw new IllegalArgumentException("No " + key + " in " + json);
        }
        from += key.length();
        int to = from;
        while (to < json.length() && (json.charAt(to) == '-' || Character.isDigit(json.charAt(to)))) {
            to++;
        }
        return Long.parseLong(json.substring(from, to));
    }

    private static void row(
            String name, String count, double seconds, double perSecond, Double eventsPerSecond, Histogram latency) {
        System.out.printf(
                Locale.ROOT,
                ROW,
                name,
                count,
                String.format(Locale.ROOT, "%.2f", seconds),
                String.format(Locale.ROOT, "%,.0f", perSecond),
                eventsPerSecond == null ? "" : String.format(Locale.ROOT, "%,.0f", eventsPerSecond),
                millis(latency == null ? -1 : latency.getValueAtPercentile(50)),
                millis(latency == null ? -1 : latency.getValueAtPercentile(99)),
                millis(latency == null ? -1 : latency.getMaxValue()));
        System.out.flush();
    }

    private static String millis(long nanos) {
        return nanos < 0 ? "" : String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    private static int max(int[] values) {
        return Arrays.stream(values).max().orElse(1);
    }

    // ---- settings -----------------------------------------------------------------------------------------------

    private record Config(
            Path parentDirectory,
            long warmupSeconds,
            long appendSeconds,
            int[] concurrency,
            int batchSize,
            int[] batchConcurrency,
            int eventBytes,
            long readEvents,
            int readPasses,
            int latencySamples,
            int latencyWarmup,
            long latencyIntervalMicros,
            long fsyncSeconds,
            int commonPoolParallelism) {

        static Config load(String[] args) {
            for (String arg : args) {
                String[] pair = arg.replaceFirst("^--", "")
                        .replaceFirst("^bench\\.", "")
                        .split("=", 2);
                if (pair.length != 2) {
                    throw new IllegalArgumentException("Expected name=value, got " + arg);
                }
                System.setProperty("bench." + pair[0], pair[1]);
            }
            return new Config(
                    Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir"))),
                    positive("warmupSeconds", 3, true),
                    positive("appendSeconds", 5, false),
                    list("concurrency", "1,16"),
                    (int) positive("batchSize", 100, false),
                    list("batchConcurrency", "1,16"),
                    (int) positive("eventBytes", 200, false),
                    positive("readEvents", 200_000, false),
                    (int) positive("readPasses", 2, false),
                    (int) positive("latencySamples", 3000, false),
                    (int) positive("latencyWarmup", 500, true),
                    positive("latencyIntervalMicros", 2000, false),
                    positive("fsyncSeconds", 2, false),
                    (int) positive("commonPoolParallelism", 2, true));
        }

        private static long positive(String name, long fallback, boolean zeroAllowed) {
            long value = Long.parseLong(
                    System.getProperty("bench." + name, Long.toString(fallback)).trim());
            if (value < 0 || (value == 0 && !zeroAllowed)) {
                throw new IllegalArgumentException("bench." + name + " must be positive, got " + value);
            }
            return value;
        }

        private static int[] list(String name, String fallback) {
            int[] values = Arrays.stream(
                            System.getProperty("bench." + name, fallback).split(","))
                    .map(String::trim)
                    .mapToInt(Integer::parseInt)
                    .toArray();
            if (values.length == 0 || Arrays.stream(values).anyMatch(value -> value <= 0)) {
                throw new IllegalArgumentException("bench." + name + " must list positive numbers");
            }
            return values;
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "warmup %d s, appends %d s per phase, in flight %s (single) / %s (batches of %d), event %d B, "
                            + "read %d events x %d, latency %d samples (+%d warm-up) every %d us, fsync %d s, "
                            + "common-pool parallelism %d",
                    warmupSeconds,
                    appendSeconds,
                    Arrays.toString(concurrency),
                    Arrays.toString(batchConcurrency),
                    batchSize,
                    eventBytes,
                    readEvents,
                    readPasses,
                    latencySamples,
                    latencyWarmup,
                    latencyIntervalMicros,
                    fsyncSeconds,
                    commonPoolParallelism);
        }
    }
}
