package dev.ledgerloop.eventstore.embedded.durability;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test: a node in a child JVM takes appends under load and is killed with SIGKILL, three times. After
 * each restart every acknowledged event is there, in order and byte-identical, and of the appends that were in
 * flight at the kill each is either wholly there or wholly absent.
 */
class CrashRecoveryTest {
    private static final int LANES = 8;
    private static final int CYCLES = 3;
    private static final int ACKNOWLEDGED_PER_CYCLE = 2000;

    @TempDir
    Path directory;

    @Test
    void everyAcknowledgedEventSurvivesSigkillAndNothingHalfWrittenAppears() throws Exception {
        Path data = directory.resolve("data");
        List<Lane> lanes = new ArrayList<>();
        for (int i = 0; i < LANES; i++) {
            lanes.add(new Lane("crash-lane-" + i, new Random(i)));
        }

        for (int cycle = 0; cycle < CYCLES; cycle++) {
            try (NodeProcess node = NodeProcess.start(data, directory.resolve("node-" + cycle + ".log"))) {
                EventStoreDBClient client = connect(node);
                try {
                    verify(client, lanes);
                    AtomicBoolean stop = new AtomicBoolean();
                    AtomicInteger acknowledged = new AtomicInteger();
                    List<CompletableFuture<Void>> writers = new ArrayList<>();
                    for (Lane lane : lanes) {
                        writers.add(CompletableFuture.runAsync(() -> lane.write(client, stop, acknowledged)));
                    }
                    await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.get() >= ACKNOWLEDGED_PER_CYCLE);

                    node.kill();
                    stop.set(true);
                    CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new))
                            .get(60, TimeUnit.SECONDS);
                } finally {
                    client.shutdown();
                }
            }
        }

        try (NodeProcess node = NodeProcess.start(data, directory.resolve("node-final.log"))) {
            EventStoreDBClient client = connect(node);
            try {
                verify(client, lanes);
                assertThat(lanes.stream().mapToInt(Lane::acknowledgedEvents).sum())
                        .isGreaterThanOrEqualTo(CYCLES * ACKNOWLEDGED_PER_CYCLE);
                assertPositionsStrictlyIncrease(client);
            } finally {
                client.shutdown();
            }
        }
    }

    /** Checks every lane against its stream, then settles what was in flight at the kill. */
    private static void verify(EventStoreDBClient client, List<Lane> lanes) throws Exception {
        int intact = 0;
        int inFlightAtKill = 0;
        int written = 0;
        for (Lane lane : lanes) {
            List<RecordedEvent> stored = readStream(client, lane.stream);
            List<EventData> expected = lane.acknowledged();
            assertThat(stored.size()).as("events of %s", lane.stream).isGreaterThanOrEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertSame(stored.get(i), expected.get(i), i);
            }
            List<RecordedEvent> extra = stored.subList(expected.size(), stored.size());
            if (!extra.isEmpty()) {
                List<EventData> inFlight = lane.inFlight;
                assertThat(inFlight)
                        .as("%s has events nobody sent or that were sent twice", lane.stream)
                        .isNotNull();
                assertThat(extra).as("an in-flight append is all or nothing").hasSize(inFlight.size());
                for (int i = 0; i < inFlight.size(); i++) {
                    assertSame(extra.get(i), inFlight.get(i), expected.size() + i);
                }
            }
            intact += expected.size();
            inFlightAtKill += lane.inFlight == null ? 0 : 1;
            written += extra.isEmpty() ? 0 : 1;
            lane.settle(!extra.isEmpty());
        }
        System.out.printf(
                "Restart check: %d acknowledged events intact; %d appends were in flight at the kill, %d of them"
                        + " written whole, the rest absent%n",
                intact, inFlightAtKill, written);
    }

    private static void assertSame(RecordedEvent stored, EventData sent, long revision) {
        assertThat(stored.getRevision()).isEqualTo(revision);
        assertThat(stored.getEventId()).isEqualTo(sent.getEventId());
        assertThat(stored.getEventType()).isEqualTo(sent.getEventType());
        assertThat(stored.getContentType()).isEqualTo(sent.getContentType());
        assertThat(stored.getEventData()).isEqualTo(sent.getEventData());
        assertThat(stored.getUserMetadata()).isEqualTo(sent.getUserMetadata());
    }

    private static List<RecordedEvent> readStream(EventStoreDBClient client, String stream) throws Exception {
        try {
            return client.readStream(stream, ReadStreamOptions.get()).get(30, TimeUnit.SECONDS).getEvents().stream()
                    .map(ResolvedEvent::getEvent)
                    .toList();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StreamNotFoundException) {
                return List.of();
            }
            throw e;
        }
    }

    private static void assertPositionsStrictlyIncrease(EventStoreDBClient client) throws Exception {
        List<ResolvedEvent> all = client.readAll(ReadAllOptions.get().forwards().fromStart())
                .get(60, TimeUnit.SECONDS)
                .getEvents();
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).getEvent().getPosition())
                    .isGreaterThan(all.get(i - 1).getEvent().getPosition());
        }
    }

    private static EventStoreDBClient connect(NodeProcess node) {
        return EventStoreDBClient.create(EventStoreDBConnectionString.parseOrThrow(node.connectionString()));
    }

    /** One writer with its own stream, appending one batch at a time, so its acknowledgement order is the order. */
    private static final class Lane {
        private final String stream;
        private final Random random;
        private final List<List<EventData>> acknowledged = new ArrayList<>();
        private volatile List<EventData> inFlight;

        Lane(String stream, Random random) {
            this.stream = stream;
            this.random = random;
        }

        void write(EventStoreDBClient client, AtomicBoolean stop, AtomicInteger acknowledgedCount) {
            while (!stop.get()) {
                List<EventData> batch = batch();
                inFlight = batch;
                try {
                    client.appendToStream(
                                    stream,
                                    AppendToStreamOptions.get().expectedRevision(ExpectedRevision.any()),
                                    batch.iterator())
                            .get(10, TimeUnit.SECONDS);
                } catch (Exception killed) {
                    return;
                }
                synchronized (acknowledged) {
                    acknowledged.add(batch);
                }
                inFlight = null;
                acknowledgedCount.addAndGet(batch.size());
            }
        }

        /** After a restart: an in-flight batch that made it to disk counts as written from now on. */
        void settle(boolean inFlightWasWritten) {
            if (inFlightWasWritten) {
                synchronized (acknowledged) {
                    acknowledged.add(inFlight);
                }
            }
            inFlight = null;
        }

        List<EventData> acknowledged() {
            synchronized (acknowledged) {
                return acknowledged.stream().flatMap(List::stream).toList();
            }
        }

        int acknowledgedEvents() {
            return acknowledged().size();
        }

        private List<EventData> batch() {
            int size = random.nextBoolean() ? 1 : 10;
            List<EventData> events = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                byte[] data = new byte[random.nextInt(4096)];
                random.nextBytes(data);
                // Not JSON, so the client leaves it alone (it adds tracing ids to JSON metadata).
                byte[] metadata = new byte[1 + random.nextInt(64)];
                random.nextBytes(metadata);
                metadata[0] = 0;
                events.add(EventDataBuilder.binary(UUID.randomUUID(), random.nextBoolean() ? "Small" : "Large", data)
                        .metadataAsBytes(metadata)
                        .build());
            }
            return events;
        }
    }
}
