package dev.ledgerloop.bench;

import static dev.ledgerloop.bench.BenchArgs.intArg;

import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.EventStoreDBConnectionString;
import com.eventstore.dbclient.Position;
import com.eventstore.dbclient.ReadAllOptions;
import com.eventstore.dbclient.RecordedEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerloop.bench.peer.TemporaryDirectories;
import dev.ledgerloop.standalone.LedgerloopSystem;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The live event stream under load, through the gateway of the standalone system, client in the same JVM. First
 * {@code streams} streams of as many agents, each event for one of them (many connected clients, each with its own
 * traffic): {@code events} messages sent at {@code rate} per second, after the same traffic has run at least {@code
 * warmup} seconds (60) and until the JIT compiler is mostly done ({@link JitWarmup}; at most {@code warmupMax}, 600;
 * {@code jitQuiet=0} for exactly {@code warmup}), and for every event the time from its creation to its arrival at the
 * client, and from the moment the node stored it (the record's {@code created} time, which the EventStoreDB protocol
 * carries) to its arrival. Then {@code streams} open streams of one agent, every event to every stream ({@code
 * fanout=0} leaves this part out), the same figures for every (stream, event) and the heap each open stream holds.
 * Then a client resuming after {@code missed} events it did not see, timed until it has them all. {@code inProcess=0}
 * has the gateway proxy the streams to the query side over HTTP instead of writing them itself.
 */
public final class StreamBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CREATED_AT = Pattern.compile("\"createdAt\":\"([^\"]+)\"");

    private StreamBenchmark() {}

    public static void main(String[] args) throws Exception {
        int streams = intArg(args, "streams", 1000);
        int events = intArg(args, "events", 200);
        int rate = intArg(args, "rate", 20);
        int missed = intArg(args, "missed", 10_000);
        boolean fanOut = intArg(args, "fanout", 1) == 1;
        boolean inProcess = intArg(args, "inProcess", 1) == 1;
        JitWarmup.Settings warmup = JitWarmup.Settings.read((name, fallback) -> intArg(args, name, fallback), "warmup");
        Path data = Files.createTempDirectory("ledgerloop-stream-bench-");
        try (LedgerloopSystem system = LedgerloopSystem.start(
                data,
                0,
                Map.of(
                        "ledgerloop.gateway.rate-limit.enabled",
                        false,
                        "ledgerloop.gateway.streams.in-process",
                        inProcess),
                "--ledgerloop.live.max-per-principal=" + (streams + 10),
                "--ledgerloop.live.max-per-space=" + (2 * streams + 10))) {
            String base = "http://localhost:" + system.gatewayPort();
            String key = system.secrets().bootstrapKeyOnce();
            GatewayClient gateway = new GatewayClient(base, key);
            String session = JSON.readTree(GatewayClient.expect(201, gateway.post("/v1/agent/sessions", "{}"))
                            .body())
                    .get("id")
                    .asText();
            String messages = "/v1/agent/sessions/" + session + "/messages";
            String message = "{\"encryptedContent\":" + SampleEnvelopes.envelope() + "}";
            HttpClient http = HttpClient.newBuilder().build();
            System.out.printf(
                    "Live event stream through the gateway (%d processors), %s%n",
                    Runtime.getRuntime().availableProcessors(),
                    inProcess ? "written by the gateway itself" : "proxied to the query side over HTTP");

            ownStreams(
                    http,
                    base,
                    key,
                    gateway,
                    streams,
                    events,
                    rate,
                    message,
                    system.eventStoreConnectionString(),
                    warmup);
            awaitNoOpenStreams(system);

            if (fanOut) {
                long heapBefore = usedHeapAfterGc();
                Histogram latency = new ConcurrentHistogram(3);
                AtomicLong received = new AtomicLong();
                Arrivals arrivals = new Arrivals();
                List<Client> clients = new ArrayList<>();
                for (int i = 0; i < streams; i++) {
                    Client client = Client.open(http, base, key, null, latency, received);
                    client.arrivals = arrivals;
                    clients.add(client);
                }
                for (Client client : clients) {
                    client.listening.get(60, TimeUnit.SECONDS);
                }
                long heapOpen = usedHeapAfterGc();
                System.out.printf(
                        "%d streams open; heap after GC %.1f MiB before, %.1f MiB with them: %.1f KiB per open stream"
                                + " (client and server in one JVM)%n",
                        streams,
                        heapBefore / 1048576.0,
                        heapOpen / 1048576.0,
                        (heapOpen - heapBefore) / 1024.0 / streams);

                long every = TimeUnit.SECONDS.toNanos(1) / rate;
                long next = System.nanoTime();
                for (int i = 0; i < events; i++) {
                    LockSupport.parkNanos(next - System.nanoTime());
                    next += every;
                    GatewayClient.expect(201, gateway.post(messages, message));
                }
                long expected = (long) streams * events;
                awaitReceived(received, expected);
                System.out.printf(
                        "%d events at %d/s to %d streams: %d of %d received; event created -> received p50 %.1f ms, p99 %.1f"
                                + " ms, max %.1f ms%n",
                        events,
                        rate,
                        streams,
                        received.get(),
                        expected,
                        latency.getValueAtPercentile(50) / 1e3,
                        latency.getValueAtPercentile(99) / 1e3,
                        latency.getMaxValue() / 1e3);
                clients.forEach(Client::close);
                arrivals.print(system.eventStoreConnectionString());
            }

            awaitNoOpenStreams(system);

            Client watcher = Client.open(http, base, key, null, new ConcurrentHistogram(3), new AtomicLong());
            watcher.listening.get(60, TimeUnit.SECONDS);
            long sendStart = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int i = 0; i < missed; i++) {
                inFlight.add(gateway.postAsync(messages, message));
                if (inFlight.size() == 16) {
                    inFlight.forEach(CompletableFuture::join);
                    inFlight.clear();
                }
            }
            inFlight.forEach(CompletableFuture::join);
            System.out.printf("%d more events written in %.1f s%n", missed, (System.nanoTime() - sendStart) / 1e9);
            while (watcher.count.get() < missed) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            String resumeAfter = watcher.firstId.get();
            watcher.close();
            AtomicLong resumedCount = new AtomicLong();
            long t0 = System.nanoTime();
            Client resumed = Client.open(http, base, key, resumeAfter, new ConcurrentHistogram(3), resumedCount);
            while (resumedCount.get() < missed - 1 && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(120)) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    "resume after %d missed events (Last-Event-ID): %d replayed, caught up in %.2f s (%.0f events/s)%n",
                    missed - 1, resumedCount.get(), seconds, resumedCount.get() / seconds);
            resumed.close();
        } finally {
            TemporaryDirectories.deleteRecursively(data);
        }
    }

    /**
     * Until the query side has found every closed stream gone (its {@code ledgerloop.live.connections} gauge), which it
     * does at the stream's next write: at the latest its heartbeat, 15 s.
     */
    private static void awaitNoOpenStreams(LedgerloopSystem system) {
        MeterRegistry registry = system.backendContexts().get(1).getBean(MeterRegistry.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (registry.get("ledgerloop.live.connections").gauge().value() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    /** One stream per agent, each agent with a session of its own; each event goes to one stream. */
    private static void ownStreams(
            HttpClient http,
            String base,
            String key,
            GatewayClient gateway,
            int streams,
            int events,
            int rate,
            String message,
            String eventStore,
            JitWarmup.Settings warmup)
            throws Exception {
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            GatewayClient agent = gateway.as("stream-agent-" + i);
            sessions.add(JSON.readTree(GatewayClient.expect(201, agent.post("/v1/agent/sessions", "{}"))
                            .body())
                    .get("id")
                    .asText());
        }
        Histogram latency = new ConcurrentHistogram(3);
        AtomicLong received = new AtomicLong();
        Arrivals arrivals = new Arrivals();
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            Client client = Client.open(http, base, key, "stream-agent-" + i, null, latency, received);
            client.arrivals = arrivals;
            clients.add(client);
        }
        for (Client client : clients) {
            client.listening.get(60, TimeUnit.SECONDS);
        }
        int[] sent = {0};
        JitWarmup.Report warm = JitWarmup.run(warmup, seconds -> {
            sendToOwnStreams(gateway, sessions, sent[0], rate * seconds, rate, message);
            sent[0] += rate * seconds;
        });
        awaitReceived(received, sent[0]);
        System.out.println("  " + warm.describe());
        latency.reset();
        arrivals.clear();
        received.set(0);
        sendToOwnStreams(gateway, sessions, sent[0], events, rate, message);
        awaitReceived(received, events);
        System.out.printf(
                "%d events at %d/s, each to one of %d streams of as many agents: %d of %d received; event created ->"
                        + " received p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                events,
                rate,
                streams,
                received.get(),
                events,
                latency.getValueAtPercentile(50) / 1e3,
                latency.getValueAtPercentile(99) / 1e3,
                latency.getMaxValue() / 1e3);
        clients.forEach(Client::close);
        arrivals.print(eventStore);
    }

    /** Sends {@code events} messages at {@code rate} per second, the i-th to the (first + i)-th agent's session. */
    private static void sendToOwnStreams(
            GatewayClient gateway, List<String> sessions, int first, int events, int rate, String message)
            throws Exception {
        long every = TimeUnit.SECONDS.toNanos(1) / rate;
        long next = System.nanoTime();
        for (int i = first; i < first + events; i++) {
            LockSupport.parkNanos(next - System.nanoTime());
            next += every;
            int to = i % sessions.size();
            GatewayClient.expect(
                    201,
                    gateway.as("stream-agent-" + to)
                            .post("/v1/agent/sessions/" + sessions.get(to) + "/messages", message));
        }
    }

    private static void awaitReceived(AtomicLong received, long expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (received.get() < expected && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** One SSE client: counts events, records each one's delay since its creation, keeps the first id it saw. */
    private static final class Client implements Flow.Subscriber<String> {
        final CompletableFuture<Void> listening = new CompletableFuture<>();
        final AtomicReference<String> firstId = new AtomicReference<>();
        final AtomicLong count;
        final Histogram latency;
        Arrivals arrivals;
        private String lastId;
        private Flow.Subscription subscription;

        private Client(Histogram latency, AtomicLong count) {
            this.latency = latency;
            this.count = count;
        }

        static Client open(
                HttpClient http, String base, String key, String lastEventId, Histogram latency, AtomicLong count) {
            return open(http, base, key, null, lastEventId, latency, count);
        }

        static Client open(
                HttpClient http,
                String base,
                String key,
                String agentName,
                String lastEventId,
                Histogram latency,
                AtomicLong count) {
            Client client = new Client(latency, count);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/agent/stream"))
                    .header("X-API-Key", key)
                    .timeout(Duration.ofMinutes(10));
            if (agentName != null) {
                request.header("X-Hiloop", agentName);
            }
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            http.sendAsync(request.build(), HttpResponse.BodyHandlers.fromLineSubscriber(client));
            return client;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith(":listening")) {
                listening.complete(null);
            } else if (line.startsWith("id:")) {
                lastId = line.substring(3).strip();
                firstId.compareAndSet(null, lastId);
            } else if (line.startsWith("data:")) {
                Instant now = Instant.now();
                Matcher createdAt = CREATED_AT.matcher(line);
                if (createdAt.find()) {
                    latency.recordValue(Math.max(
                            0,
                            Duration.between(Instant.parse(createdAt.group(1)), now)
                                            .toNanos()
                                    / 1000));
                    if (arrivals != null) {
                        arrivals.add(lastId, now);
                    }
                }
                count.incrementAndGet();
            }
        }

        @Override
        public void onError(Throwable error) {
            listening.completeExceptionally(error);
        }

        @Override
        public void onComplete() {}

        void close() {
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }

    /**
     * Each event's arrival (its SSE id, the log position {@code <commit>-<prepare>}, and when it arrived), to be
     * compared after the run with the moment the node stored the event: the record's {@code created} time as the
     * EventStoreDB client reads it back. Client and node share the JVM's clock.
     */
    private static final class Arrivals {
        private final ConcurrentLinkedQueue<Map.Entry<String, Instant>> arrivals = new ConcurrentLinkedQueue<>();

        void add(String id, Instant at) {
            arrivals.add(Map.entry(id, at));
        }

        void clear() {
            arrivals.clear();
        }

        void print(String eventStore) throws Exception {
            EventStoreDBClient client =
                    EventStoreDBClient.create(EventStoreDBConnectionString.parseOrThrow(eventStore));
            try {
                Map<String, Instant> stored = new HashMap<>();
                Histogram sinceStored = new Histogram(3);
                for (Map.Entry<String, Instant> arrival : arrivals) {
                    Instant storedAt = stored.computeIfAbsent(arrival.getKey(), id -> createdAt(client, id));
                    sinceStored.recordValue(Math.max(
                            0, Duration.between(storedAt, arrival.getValue()).toNanos() / 1000));
                }
                System.out.printf(
                        "  the same arrivals from the moment the node stored each event -> received: p50 %.1f ms,"
                                + " p99 %.1f ms, max %.1f ms (%d arrivals of %d events)%n",
                        sinceStored.getValueAtPercentile(50) / 1e3,
                        sinceStored.getValueAtPercentile(99) / 1e3,
                        sinceStored.getMaxValue() / 1e3,
                        sinceStored.getTotalCount(),
                        stored.size());
            } finally {
                client.shutdown().get(10, TimeUnit.SECONDS);
            }
        }

        private static Instant createdAt(EventStoreDBClient client, String id) {
            String[] parts = id.split("-");
            Position position = new Position(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            try {
                RecordedEvent event = client.readAll(ReadAllOptions.get()
                                .fromPosition(position)
                                .forwards()
                                .maxCount(1))
                        .get(10, TimeUnit.SECONDS)
                        .getEvents()
                        .get(0)
                        .getEvent();
                return event.getCreated();
            } catch (Exception e) {
                throw new IllegalStateException("reading the event at " + id, e);
            }
        }
    }
}
