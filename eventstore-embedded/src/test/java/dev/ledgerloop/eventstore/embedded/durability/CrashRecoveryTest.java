package dev.ledgerloop.eventstore.embedded.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.eventstore.dbclient.AppendToStreamOptions;
import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.EventDataBuilder;
import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.EventStoreDBConnectionString;
import com.eventstore.dbclient.ExpectedRevision;
import com.eventstore.dbclient.ReadAllOptions;
import com.eventstore.dbclient.ReadStreamOptions;
import com.eventstore.dbclient.RecordedEvent;
import com.eventstore.dbclient.ResolvedEvent;
import com.eventstore.dbclient.StreamNotFoundException;
import com.eventstore.dbclient.WriteResult;
import dev.ledgerloop.eventstore.embedded.EmbeddedEventStoreMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test: a node in a child JVM is killed with SIGKILL while several writers append to it through the
 * official client, then started again on the same data directory, three times over.
 *
 * <p>The parent keeps the ground truth: every append it sent, with the exact events, and which of them the node
 * acknowledged. After each restart it reads every stream and {@code $all} back and requires that
 *
 * <ul>
 *   <li>every acknowledged append is there, byte for byte (event id, type, content type, data, custom metadata), at
 *       exactly the revision and log position the acknowledgement reported;
 *   <li>nothing else is there except whole appends that were in flight when the node died (sent, not
 *       acknowledged): no unknown event, no event twice, no part of an append without the rest of it;
 *   <li>within a stream, an append acknowledged before another one was sent comes first;
 *   <li>what one restart showed is still there, unchanged, after every later crash;
 *   <li>{@code $all} holds the same events at the same positions, positions strictly increasing.
 * </ul>
 */
class CrashRecoveryTest {
    private static final int CRASHES = 3;
    private static final int WRITERS = 8;
    private static final int MAX_APPENDS_IN_FLIGHT = 32;
    private static final int ACKNOWLEDGED_EVENTS_BEFORE_KILL = 2000;
    private static final int BATCH_SIZE = 10;
    private static final int MAX_DATA_BYTES = 4096;
    private static final int MAX_METADATA_BYTES = 256;
    /** Small segments, so that the log rolls over several times while it is being written and killed. */
    private static final long SEGMENT_SIZE = 1024 * 1024;

    private static final Duration NODE_START = Duration.ofSeconds(30);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> EVENT_TYPES =
            List.of("AccountOpened", "Deposited", "Withdrawn", "TransferRequested", "Überweisung.ausgeführt/v2");

    @TempDir
    Path temp;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void acknowledged_appends_survive_sigkill_and_nothing_half_written_comes_back() throws Exception {
        long seed = System.nanoTime();
        System.out.printf("CrashRecoveryTest seed %d%n", seed);
        SplittableRandom random = new SplittableRandom(seed);
        Path data = temp.resolve("data");
        Path logConfig = writeNodeLogConfig(temp.resolve("logback-node.xml"));
        String run = Long.toHexString(seed & 0xFFFFFF);
        List<String> streams = Stream.of("alpha", "bravo", "charlie", "delta", "echo")
                .map(name -> "crash-" + run + "-" + name)
                .toList();
        Ledger ledger = new Ledger(streams);

        for (int crash = 1; crash <= CRASHES; crash++) {
            try (NodeProcess node = NodeProcess.start(data, logConfig)) {
                EventStoreDBClient client = connect(node);
                try {
                    Verified verified = ledger.verify(client);
                    System.out.printf("Before crash %d: %s%n", crash, verified);

                    try (Load load = new Load(client, ledger, streams, random.split())) {
                        load.start();
                        long killAfter = ACKNOWLEDGED_EVENTS_BEFORE_KILL + random.nextInt(1000);
                        await("acknowledged events before crash " + crash)
                                .atMost(Duration.ofSeconds(40))
                                .until(() -> load.acknowledgedEvents() >= killAfter || load.failure() != null);
                        assertThat(load.failure())
                                .as("writers failed before the kill")
                                .isNull();

                        load.nodeDies();
                        int exit = node.kill();
                        assertThat(exit)
                                .as("exit status of the killed node (128 + SIGKILL)")
                                .isEqualTo(137);
                        load.stopAndSettle();
                        System.out.printf("Crash %d: %s%n", crash, load.summary());
                    }
                } finally {
                    shutdown(client);
                }
            }
        }

        try (NodeProcess node = NodeProcess.start(data, logConfig)) {
            EventStoreDBClient client = connect(node);
            try {
                Verified verified = ledger.verify(client);
                System.out.printf("After the last crash: %s%n", verified);
                assertThat(verified.events()).isGreaterThanOrEqualTo(CRASHES * ACKNOWLEDGED_EVENTS_BEFORE_KILL);
                assertThat(verified.inFlightRecovered() + verified.inFlightLost())
                        .as("appends in flight at some kill")
                        .isPositive();

                // The recovered node takes new appends right after what it recovered.
                String stream = streams.get(0);
                long last = ledger.lastRevision(stream);
                List<SentEvent> events = List.of(SentEvent.random(random), SentEvent.random(random));
                WriteResult result = client.appendToStream(
                                stream,
                                AppendToStreamOptions.get().expectedRevision(ExpectedRevision.expectedRevision(last)),
                                events.stream().map(SentEvent::toEventData).iterator())
                        .get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertThat(result.getNextExpectedRevision()).isEqualTo(ExpectedRevision.expectedRevision(last + 2));
                List<RecordedEvent> tail = readStream(client, stream).subList((int) last + 1, (int) last + 3);
                for (int i = 0; i < 2; i++) {
                    events.get(i).assertMatches(tail.get(i), stream, last + 1 + i);
                }
            } finally {
                shutdown(client);
            }
        }

        try (Stream<Path> files = Files.list(data)) {
            assertThat(files.filter(file -> file.toString().endsWith(".seg")).count())
                    .as("segment files (the log rolled over while being killed)")
                    .isGreaterThan(2);
        }
    }

    // The parent's ground truth ----------------------------------------------------------------------------------

    /** One event exactly as the parent sent it. */
    record SentEvent(UUID eventId, String eventType, boolean json, byte[] data, byte[] metadata) {
        static SentEvent random(SplittableRandom random) {
            byte[] data = new byte[random.nextInt(MAX_DATA_BYTES + 1)];
            byte[] metadata = new byte[random.nextInt(MAX_METADATA_BYTES + 1)];
            random.nextBytes(data);
            random.nextBytes(metadata);
            if (metadata.length > 0 && metadata[0] == '{') {
                // The client parses every event's metadata as a JSON object to add its tracing ids, and Jackson
                // stops after the first value: random bytes that start with "{}" would come back replaced by
                // {"$traceId":..,"$spanId":..}. A client quirk, not the node's; see docs/eventstore-embedded.md.
                metadata[0] = 0;
            }
            return new SentEvent(
                    UUID.randomUUID(),
                    EVENT_TYPES.get(random.nextInt(EVENT_TYPES.size())),
                    random.nextBoolean(),
                    data,
                    metadata);
        }

        String contentType() {
            return json ? "application/json" : "application/octet-stream";
        }

        EventData toEventData() {
            EventDataBuilder builder = json
                    ? EventDataBuilder.json(eventId, eventType, data)
                    : EventDataBuilder.binary(eventId, eventType, data);
            return builder.metadataAsBytes(metadata).build();
        }

        void assertMatches(RecordedEvent read, String stream, long revision) {
            String where = stream + "@" + revision;
            assertThat(read.getStreamId()).as("stream of %s", where).isEqualTo(stream);
            assertThat(read.getRevision()).as("revision of %s", where).isEqualTo(revision);
            assertThat(read.getEventId()).as("event id at %s", where).isEqualTo(eventId);
            assertThat(read.getEventType()).as("event type at %s", where).isEqualTo(eventType);
            assertThat(read.getContentType()).as("content type at %s", where).isEqualTo(contentType());
            assertThat(read.getEventData()).as("data at %s", where).isEqualTo(data);
            assertThat(read.getUserMetadata())
                    .as("custom metadata at %s", where)
                    .isEqualTo(metadata);
        }
    }

    /** One append the parent sent: acknowledged, failed, or still unanswered when the node died. */
    static final class SentAppend {
        final String stream;
        final List<SentEvent> events;
        /** Logical time at which it was handed to the client. */
        final long sentAt;

        /** Logical time at which the acknowledgement was seen; {@code Long.MAX_VALUE} while there is none. */
        volatile long acknowledgedAt = Long.MAX_VALUE;

        volatile WriteResult result;
        volatile boolean settled;

        SentAppend(String stream, List<SentEvent> events, long sentAt) {
            this.stream = stream;
            this.events = events;
            this.sentAt = sentAt;
        }

        boolean acknowledged() {
            return result != null;
        }

        @Override
        public String toString() {
            return "append of " + events.size() + " event(s) to " + stream + " starting with "
                    + events.get(0).eventId() + (acknowledged() ? " (acknowledged: " + result + ")" : " (in flight)");
        }
    }

    /** An event the node has shown after a restart, which must stay exactly where it is from then on. */
    record Confirmed(SentEvent event, long revision, long position) {}

    record Verified(int events, int appendsChecked, int inFlightRecovered, int inFlightLost) {}

    /**
     * Everything the parent knows: the events each stream has shown after a restart (confirmed), the appends sent
     * since, and the ones that were in flight at a crash and did not come back (which must never appear).
     */
    static final class Ledger {
        private final List<String> streams;
        private final AtomicLong clock = new AtomicLong();
        private final Map<String, List<Confirmed>> confirmed = new HashMap<>();
        private final ConcurrentLinkedQueue<SentAppend> sinceLastRestart = new ConcurrentLinkedQueue<>();
        private final Map<UUID, SentAppend> appendOfEvent = new ConcurrentHashMap<>();
        private final Set<UUID> lost = new HashSet<>();

        Ledger(List<String> streams) {
            this.streams = streams;
            streams.forEach(stream -> confirmed.put(stream, List.of()));
        }

        SentAppend send(String stream, List<SentEvent> events) {
            SentAppend append = new SentAppend(stream, events, clock.incrementAndGet());
            for (SentEvent event : events) {
                appendOfEvent.put(event.eventId(), append);
            }
            sinceLastRestart.add(append);
            return append;
        }

        void acknowledged(SentAppend append, WriteResult result) {
            append.acknowledgedAt = clock.incrementAndGet();
            append.result = result;
            append.settled = true;
        }

        long lastRevision(String stream) {
            return confirmed.get(stream).size() - 1L;
        }

        /** Reads everything back and checks it against what was sent and acknowledged (see the class comment). */
        Verified verify(EventStoreDBClient client) throws Exception {
            Set<SentAppend> seen = new HashSet<>();
            Map<String, List<Confirmed>> now = new LinkedHashMap<>();
            int appendsChecked = 0;
            for (String stream : streams) {
                List<RecordedEvent> read = readStream(client, stream);
                List<Confirmed> before = confirmed.get(stream);
                assertThat(read.size())
                        .as("events in %s (it had %d after the last restart)", stream, before.size())
                        .isGreaterThanOrEqualTo(before.size());

                // What an earlier restart showed is still there, unchanged.
                List<Confirmed> shown = new ArrayList<>(before);
                for (int i = 0; i < before.size(); i++) {
                    Confirmed earlier = before.get(i);
                    RecordedEvent event = read.get(i);
                    earlier.event().assertMatches(event, stream, i);
                    assertThat(event.getPosition().getCommitUnsigned())
                            .as("position of %s@%d", stream, i)
                            .isEqualTo(earlier.position());
                }

                // The rest: whole appends sent since the last restart, each at most once, in causal order.
                List<SentAppend> order = new ArrayList<>();
                int index = before.size();
                while (index < read.size()) {
                    RecordedEvent first = read.get(index);
                    UUID id = first.getEventId();
                    assertThat(lost)
                            .as("%s@%d is from an append that was gone after an earlier crash", stream, index)
                            .doesNotContain(id);
                    SentAppend append = appendOfEvent.get(id);
                    if (append == null) {
                        fail("%s@%d holds event %s, which was never sent", stream, index, id);
                    }
                    assertThat(append.stream)
                            .as("stream the event at %s@%d was sent to", stream, index)
                            .isEqualTo(stream);
                    assertThat(append.events.get(0).eventId())
                            .as("%s@%d must start an append (half-written append?): %s", stream, index, append)
                            .isEqualTo(id);
                    assertThat(seen.add(append)).as("%s appears twice", append).isTrue();
                    assertThat(read.size() - index)
                            .as("events left in %s for %s (an append cut short?)", stream, append)
                            .isGreaterThanOrEqualTo(append.events.size());
                    for (int i = 0; i < append.events.size(); i++) {
                        append.events.get(i).assertMatches(read.get(index + i), stream, index + i);
                    }
                    RecordedEvent last = read.get(index + append.events.size() - 1);
                    if (append.acknowledged()) {
                        assertThat(last.getRevision())
                                .as("revision the node acknowledged for %s", append)
                                .isEqualTo(
                                        append.result.getNextExpectedRevision().toRawLong());
                        assertThat(last.getPosition().getCommitUnsigned())
                                .as("log position the node acknowledged for %s", append)
                                .isEqualTo(append.result.getLogPosition().getCommitUnsigned());
                    }
                    order.add(append);
                    index += append.events.size();
                }
                assertCausalOrder(stream, order);
                appendsChecked += order.size();

                for (int i = before.size(); i < read.size(); i++) {
                    RecordedEvent event = read.get(i);
                    SentAppend append = appendOfEvent.get(event.getEventId());
                    SentEvent sent = append.events.stream()
                            .filter(candidate -> candidate.eventId().equals(event.getEventId()))
                            .findFirst()
                            .orElseThrow();
                    shown.add(new Confirmed(sent, i, event.getPosition().getCommitUnsigned()));
                }
                for (int i = 1; i < shown.size(); i++) {
                    assertThat(shown.get(i).position())
                            .as("position of %s@%d", stream, i)
                            .isGreaterThan(shown.get(i - 1).position());
                }
                now.put(stream, shown);
            }

            // Every acknowledged append is back; the unacknowledged ones are back whole, or not at all.
            int inFlightRecovered = 0;
            int inFlightLost = 0;
            SentAppend append;
            while ((append = sinceLastRestart.poll()) != null) {
                if (append.acknowledged()) {
                    assertThat(seen.contains(append))
                            .as("acknowledged %s is there after the restart", append)
                            .isTrue();
                } else if (seen.contains(append)) {
                    inFlightRecovered++;
                } else {
                    inFlightLost++;
                    for (SentEvent event : append.events) {
                        lost.add(event.eventId());
                    }
                }
            }

            assertAllMatchesStreams(client, now);
            confirmed.putAll(now);
            return new Verified(
                    now.values().stream().mapToInt(List::size).sum(), appendsChecked, inFlightRecovered, inFlightLost);
        }

        /**
         * Acknowledgements may be seen in another order than the node wrote the appends (the client completes
         * concurrent calls on several threads), but an append acknowledged before another one was even sent must
         * have been written first.
         */
        private static void assertCausalOrder(String stream, List<SentAppend> order) {
            long earliestAcknowledgementAfter = Long.MAX_VALUE;
            SentAppend acknowledgedEarliest = null;
            for (int i = order.size() - 1; i >= 0; i--) {
                SentAppend append = order.get(i);
                if (acknowledgedEarliest != null) {
                    assertThat(earliestAcknowledgementAfter)
                            .as(
                                    "in %s, %s was acknowledged before %s was sent, yet comes after it",
                                    stream, acknowledgedEarliest, append)
                            .isGreaterThan(append.sentAt);
                }
                if (append.acknowledgedAt < earliestAcknowledgementAfter) {
                    earliestAcknowledgementAfter = append.acknowledgedAt;
                    acknowledgedEarliest = append;
                }
            }
        }

        /** {@code $all}: positions strictly increase, and it holds exactly the streams' events at their positions. */
        private void assertAllMatchesStreams(EventStoreDBClient client, Map<String, List<Confirmed>> streamContents)
                throws Exception {
            List<ResolvedEvent> all = client.readAll(
                            ReadAllOptions.get().forwards().fromStart())
                    .get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .getEvents();
            long previous = -1;
            for (ResolvedEvent resolved : all) {
                long position = resolved.getOriginalEvent().getPosition().getCommitUnsigned();
                assertThat(position).as("$all positions strictly increase").isGreaterThan(previous);
                previous = position;
            }

            Map<Long, String> streamAt = new HashMap<>();
            List<Confirmed> expected = new ArrayList<>();
            streamContents.forEach((stream, events) -> events.forEach(event -> {
                expected.add(event);
                streamAt.put(event.position(), stream);
            }));
            expected.sort(Comparator.comparingLong(Confirmed::position));
            List<RecordedEvent> ours = all.stream()
                    .map(ResolvedEvent::getOriginalEvent)
                    .filter(event -> streamContents.containsKey(event.getStreamId()))
                    .toList();
            assertThat(ours).as("events of the test's streams in $all").hasSameSizeAs(expected);
            for (int i = 0; i < ours.size(); i++) {
                Confirmed want = expected.get(i);
                RecordedEvent got = ours.get(i);
                assertThat(got.getPosition().getCommitUnsigned())
                        .as("position of $all event %d", i)
                        .isEqualTo(want.position());
                want.event().assertMatches(got, streamAt.get(want.position()), want.revision());
            }
        }
    }

    // The writers ------------------------------------------------------------------------------------------------

    /**
     * {@link #WRITERS} threads appending single events and batches of {@link #BATCH_SIZE} to random streams with
     * {@code any}, at most {@link #MAX_APPENDS_IN_FLIGHT} appends unanswered at a time.
     */
    static final class Load implements AutoCloseable {
        private final EventStoreDBClient client;
        private final Ledger ledger;
        private final List<String> streams;
        private final SplittableRandom random;
        private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS, runnable -> {
            Thread thread = new Thread(runnable, "crash-test-writer");
            thread.setDaemon(true);
            return thread;
        });
        private final Semaphore inFlight = new Semaphore(MAX_APPENDS_IN_FLIGHT);
        private final List<SentAppend> sent = new ArrayList<>();
        private final AtomicLong acknowledgedEvents = new AtomicLong();
        private final AtomicLong acknowledgedAppends = new AtomicLong();
        private final AtomicLong failedAppends = new AtomicLong();
        private volatile Throwable failure;
        private volatile boolean killing;
        private volatile boolean stopping;

        Load(EventStoreDBClient client, Ledger ledger, List<String> streams, SplittableRandom random) {
            this.client = client;
            this.ledger = ledger;
            this.streams = streams;
            this.random = random;
        }

        void start() {
            for (int i = 0; i < WRITERS; i++) {
                SplittableRandom own = random.split();
                writers.execute(() -> {
                    try {
                        write(own);
                    } catch (Throwable e) {
                        failure = e;
                    }
                });
            }
        }

        private void write(SplittableRandom random) throws InterruptedException {
            while (!stopping) {
                if (!inFlight.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                if (stopping) {
                    inFlight.release();
                    return;
                }
                String stream = streams.get(random.nextInt(streams.size()));
                int count = random.nextBoolean() ? 1 : BATCH_SIZE;
                List<SentEvent> events = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    events.add(SentEvent.random(random));
                }
                SentAppend append = ledger.send(stream, events);
                synchronized (sent) {
                    sent.add(append);
                }
                CompletableFuture<WriteResult> answer;
                try {
                    answer = client.appendToStream(
                            stream,
                            AppendToStreamOptions.get().expectedRevision(ExpectedRevision.any()),
                            events.stream().map(SentEvent::toEventData).iterator());
                } catch (RuntimeException e) {
                    settleFailed(append);
                    inFlight.release();
                    continue;
                }
                answer.whenComplete((result, error) -> {
                    if (error == null) {
                        ledger.acknowledged(append, result);
                        acknowledgedAppends.incrementAndGet();
                        acknowledgedEvents.addAndGet(events.size());
                    } else {
                        settleFailed(append);
                    }
                    inFlight.release();
                });
            }
        }

        private void settleFailed(SentAppend append) {
            // Before the kill nothing may fail: the load must not hide a broken node behind "in flight".
            if (!killing && failure == null) {
                failure = new AssertionError("An append failed before the node was killed: " + append);
            }
            failedAppends.incrementAndGet();
            append.settled = true;
        }

        long acknowledgedEvents() {
            return acknowledgedEvents.get();
        }

        Throwable failure() {
            return failure;
        }

        /** From now on appends may fail: the node is about to be killed. */
        void nodeDies() {
            killing = true;
        }

        /** After the kill: stop sending and wait until every append sent has either been answered or failed. */
        void stopAndSettle() throws InterruptedException {
            stopping = true;
            writers.shutdown();
            assertThat(writers.awaitTermination(30, TimeUnit.SECONDS))
                    .as("writer threads stopped")
                    .isTrue();
            await("every append sent has an answer or an error")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> {
                        synchronized (sent) {
                            return sent.stream().allMatch(append -> append.settled);
                        }
                    });
        }

        /** Stops the writers whatever happened (a failed test must not leave them appending). */
        @Override
        public void close() {
            stopping = true;
            writers.shutdownNow();
        }

        String summary() {
            synchronized (sent) {
                return String.format(
                        "%d appends sent, %d acknowledged (%d events), %d failed when the node died",
                        sent.size(), acknowledgedAppends.get(), acknowledgedEvents.get(), failedAppends.get());
            }
        }
    }

    // The node in a child JVM ------------------------------------------------------------------------------------

    /** {@link EmbeddedEventStoreMain} in a child JVM, on this test's class path. */
    static final class NodeProcess implements AutoCloseable {
        private static final int KEPT_OUTPUT_LINES = 200;

        private final Process process;
        private final CompletableFuture<Integer> ready = new CompletableFuture<>();
        private final Deque<String> output = new ArrayDeque<>();

        private NodeProcess(Process process) {
            this.process = process;
        }

        static NodeProcess start(Path data, Path logConfig) throws IOException {
            List<String> command = List.of(
                    javaExecutable(),
                    "-Xmx256m",
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-Dlogback.configurationFile=" + logConfig,
                    "-cp",
                    System.getProperty("java.class.path"),
                    EmbeddedEventStoreMain.class.getName(),
                    "--data=" + data,
                    "--port=0",
                    "--segment-size=" + SEGMENT_SIZE);
            NodeProcess node = new NodeProcess(new ProcessBuilder(command).start());
            node.drain(node.process.getInputStream(), "out");
            node.drain(node.process.getErrorStream(), "err");
            try {
                await("the node prints READY")
                        .atMost(NODE_START)
                        .until(() -> node.ready.isDone() || !node.process.isAlive());
            } catch (RuntimeException e) {
                node.close();
                throw new AssertionError("The node did not start in time. Its output:\n" + node.output(), e);
            }
            if (!node.ready.isDone()) {
                node.close();
                fail("The node exited before it was ready. Its output:\n%s", node.output());
            }
            return node;
        }

        private static String javaExecutable() {
            return ProcessHandle.current()
                    .info()
                    .command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                            .toString());
        }

        /** Reads one output stream of the child to its end, so it never blocks on a full pipe. */
        private void drain(InputStream stream, String name) {
            Thread reader = new Thread(
                    () -> {
                        try (BufferedReader lines =
                                new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                            String line;
                            while ((line = lines.readLine()) != null) {
                                if (line.startsWith("READY ")) {
                                    ready.complete(Integer.parseInt(
                                            line.substring("READY ".length()).trim()));
                                }
                                synchronized (output) {
                                    output.addLast(name + "| " + line);
                                    if (output.size() > KEPT_OUTPUT_LINES) {
                                        output.removeFirst();
                                    }
                                }
                            }
                        } catch (IOException | RuntimeException e) {
                            // The child is gone; what it printed so far is kept.
                        }
                    },
                    "node-" + process.pid() + "-std" + name);
            reader.setDaemon(true);
            reader.start();
        }

        String connectionString() {
            // Give up about a second after the node is gone instead of rediscovering it for long; bound every call. A
            // single attempt was too few on a loaded machine: a first connection slower than usual shut the client.
            return "esdb://localhost:" + ready.join()
                    + "?tls=false&maxDiscoverAttempts=10&discoveryInterval=100&defaultDeadline=20000";
        }

        /** SIGKILL (that is what {@link Process#destroyForcibly()} sends on Linux), and wait until it is gone. */
        int kill() throws Exception {
            process.destroyForcibly();
            return process.onExit().get(30, TimeUnit.SECONDS).exitValue();
        }

        String output() {
            synchronized (output) {
                return String.join("\n", output);
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.onExit().get(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | TimeoutException e) {
                    throw new IllegalStateException("The node process " + process.pid() + " did not exit", e);
                }
            }
        }
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    private static EventStoreDBClient connect(NodeProcess node) {
        return EventStoreDBClient.create(EventStoreDBConnectionString.parseOrThrow(node.connectionString()));
    }

    private static void shutdown(EventStoreDBClient client) throws Exception {
        client.shutdown().get(30, TimeUnit.SECONDS);
    }

    private static List<RecordedEvent> readStream(EventStoreDBClient client, String stream) throws Exception {
        try {
            return client
                    .readStream(stream, ReadStreamOptions.get().forwards().fromStart())
                    .get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .getEvents()
                    .stream()
                    .map(ResolvedEvent::getOriginalEvent)
                    .toList();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StreamNotFoundException) {
                return List.of();
            }
            throw e;
        }
    }

    private static Path writeNodeLogConfig(Path file) throws IOException {
        Files.writeString(
                file,
                """
                <configuration>
                    <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
                        <target>System.err</target>
                        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
                    </appender>
                    <logger name="io.grpc" level="WARN"/>
                    <root level="INFO"><appender-ref ref="STDERR"/></root>
                </configuration>
                """);
        return file;
    }
}
