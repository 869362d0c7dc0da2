package dev.ledgerloop.bench;

import static dev.ledgerloop.bench.BenchArgs.intArg;
import static dev.ledgerloop.bench.SampleEnvelopes.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.ledgerloop.bench.peer.TemporaryDirectories;
import dev.ledgerloop.platform.runtime.CommonPool;
import dev.ledgerloop.standalone.LedgerloopSystem;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;

/**
 * Webhook delivery load: starts the standalone system and a local receiver (the JDK's HTTP server, answering 204),
 * registers one endpoint for {@code session.message.new}, and sends messages through the gateway. After a warm-up at
 * {@code warmupRate} messages/s (not counted; until the JIT compiler is mostly done, see {@link JitWarmup}), measures
 * deliveries/s while a burst drains (messages sent with {@code inFlight} requests in flight), then, at a steady
 * {@code rate} of messages/s, the latency from sending a message to its delivery arriving. Every send must answer 201
 * and every delivery arrive within {@link #DRAIN_BOUND}, or the run stops with what it saw (the answers that were not
 * 201, by status). Arguments {@code name=value}: {@code burst} (1000), {@code inFlight} (16), {@code rate} (10),
 * {@code warmupRate} (the rate: a cold system may not take the rate a warm one does), {@code seconds} (20), {@code
 * warmup} (60), {@code warmupMax} (600), {@code jitQuiet} (1), {@code receiverMillis} (0: how long the receiver takes
 * before it answers).
 */
public final class WebhookBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DRAIN_BOUND = Duration.ofSeconds(300);

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String key;
    private final Map<String, Long> deliveredAt = new ConcurrentHashMap<>();
    private final AtomicLong deliveries = new AtomicLong();

    private WebhookBenchmark(String base, String key) {
        this.base = base;
        this.key = key;
    }

    public static void main(String[] args) throws Exception {
        CommonPool.ensureParallelism();
        int burst = intArg(args, "burst", 1000);
        int inFlight = intArg(args, "inFlight", 16);
        int rate = intArg(args, "rate", 10);
        int warmupRate = intArg(args, "warmupRate", rate);
        int seconds = intArg(args, "seconds", 20);
        int receiverMillis = intArg(args, "receiverMillis", 0);
        JitWarmup.Settings warmup = JitWarmup.Settings.read((name, fallback) -> intArg(args, name, fallback), "warmup");
        Path data = Files.createTempDirectory("ledgerloop-webhook-bench-");
        // As many threads as attempts may be in flight: the receiver must not be what limits them.
        ExecutorService receiverThreads = Executors.newFixedThreadPool(64);
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        // One key sends everything: the gateway's per-key rate limit would measure itself, not the deliveries.
        try (LedgerloopSystem system =
                LedgerloopSystem.start(data, 0, Map.of("ledgerloop.gateway.rate-limit.enabled", false))) {
            WebhookBenchmark bench = new WebhookBenchmark(
                    "http://localhost:" + system.gatewayPort(), system.secrets().bootstrapKeyOnce());
            receiver.createContext("/hooks", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (receiverMillis > 0) {
                    // A receiver that does some work before it answers, as real ones do.
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(receiverMillis));
                }
                bench.received(body);
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            receiver.setExecutor(receiverThreads);
            receiver.start();
            System.out.printf(
                    "Webhook deliveries to a local receiver (%d processors): burst=%d inFlight=%d rate=%d warmupRate=%d"
                            + " seconds=%d"
                            + " receiverMillis=%d%n",
                    Runtime.getRuntime().availableProcessors(),
                    burst,
                    inFlight,
                    rate,
                    warmupRate,
                    seconds,
                    receiverMillis);
            bench.post(
                    "/v1/admin/webhooks",
                    "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
                            + "/hooks\",\"eventTypes\":[\"session.message.new\"]}");
            String session = JSON.readTree(
                            bench.post("/v1/agent/sessions", "{}").body())
                    .get("id")
                    .asText();
            System.out.println(
                    JitWarmup.run(warmup, roundSeconds -> bench.steady(session, warmupRate, roundSeconds, false))
                            .describe());
            bench.burst(session, burst, inFlight);
            bench.steady(session, rate, seconds, true);
        } finally {
            receiver.stop(0);
            receiverThreads.shutdownNow();
            TemporaryDirectories.deleteRecursively(data);
        }
    }

    private void received(byte[] body) {
        long now = System.nanoTime();
        try {
            JsonNode delivery = JSON.readTree(body);
            deliveredAt.putIfAbsent(delivery.at("/data/message/id").asText(), now);
            deliveries.incrementAndGet();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code count} messages as fast as {@code inFlight} allows and waits until all are delivered. */
    private void burst(String session, int count, int inFlight) throws Exception {
        long before = deliveries.get();
        Semaphore slots = new Semaphore(inFlight);
        Refusals refusals = new Refusals();
        long started = System.nanoTime();
        for (int i = 0; i < count && refusals.total() == 0; i++) {
            slots.acquire();
            http.sendAsync(messageRequest(session), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> {
                        refusals.count(response, error);
                        slots.release();
                    });
        }
        slots.acquire(inFlight);
        refusals.failIfAny("sends of the burst");
        long sent = System.nanoTime();
        awaitUntil(() -> deliveries.get() - before >= count, "the burst's " + count + " deliveries");
        long drained = System.nanoTime();
        System.out.printf(
                "burst of %,d messages (%d in flight): sent in %.1f s (%,.0f msg/s); all delivered after %.1f s ="
                        + " %,.0f deliveries/s%n",
                count,
                inFlight,
                (sent - started) / 1e9,
                count / ((sent - started) / 1e9),
                (drained - started) / 1e9,
                count / ((drained - started) / 1e9));
    }

    /** Sends messages at a steady rate and measures message sent -> delivery received. */
    private void steady(String session, int rate, int seconds, boolean print) throws Exception {
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        int count = rate * seconds;
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Refusals refusals = new Refusals();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * interval;
            while (System.nanoTime() < due) {
                Thread.sleep(0, 200_000);
            }
            long t0 = System.nanoTime();
            http.sendAsync(messageRequest(session), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> {
                        if (!refusals.count(response, error)) {
                            sentAt.put(messageId(response.body()), t0);
                        }
                    });
        }
        awaitUntil(
                () -> sentAt.size() + refusals.total() >= count
                        && sentAt.keySet().stream().allMatch(deliveredAt::containsKey),
                "the steady rate's " + count + " deliveries");
        refusals.failIfAny("sends at the steady rate");
        if (!print) {
            return;
        }
        Histogram latency = new Histogram(3);
        sentAt.forEach((message, t0) -> latency.recordValue(Math.max(0, deliveredAt.get(message) - t0)));
        System.out.printf(
                "steady %d msg/s for %d s: %,d of %,d delivered; message sent -> delivery received p50 %.1f ms,"
                        + " p99 %.1f ms, max %.1f ms%n",
                rate,
                seconds,
                latency.getTotalCount(),
                count,
                latency.getValueAtPercentile(50) / 1e6,
                latency.getValueAtPercentile(99) / 1e6,
                latency.getMaxValue() / 1e6);
    }

    /** The sends that did not answer 201, counted by what they answered: a status, or the exception's class. */
    private static final class Refusals {
        private final Map<String, AtomicLong> byAnswer = new ConcurrentHashMap<>();

        /** Counts the send if it was refused; answers whether it was. */
        boolean count(HttpResponse<String> response, Throwable error) {
            if (error == null && response.statusCode() == 201) {
                return false;
            }
            String answer = error != null ? error.getClass().getSimpleName() : Integer.toString(response.statusCode());
            byAnswer.computeIfAbsent(answer, key -> new AtomicLong()).incrementAndGet();
            return true;
        }

        long total() {
            return byAnswer.values().stream().mapToLong(AtomicLong::get).sum();
        }

        void failIfAny(String sends) {
            long total = total();
            if (total > 0) {
                throw new IllegalStateException(
                        total + " " + sends + " did not answer 201 (answers: " + byAnswer + ")");
            }
        }
    }

    private static String messageId(String body) {
        try {
            return JSON.readTree(body).get("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls until {@code done}, at most {@link #DRAIN_BOUND}: a delivery that never comes stops the run. */
    private void awaitUntil(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_BOUND.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Waited " + DRAIN_BOUND.toSeconds() + " s for " + what
                        + "; the receiver got " + deliveries.get() + " deliveries in all");
            }
            Thread.sleep(5);
        }
    }

    private HttpRequest messageRequest(String session) {
        return HttpRequest.newBuilder(URI.create(base + "/v1/agent/sessions/" + session + "/messages"))
                .header("X-API-Key", key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"encryptedContent\":" + envelope() + "}"))
                .build();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("X-API-Key", key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }
}
