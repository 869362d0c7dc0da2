package dev.ledgerloop.bench;

import static dev.ledgerloop.bench.BenchArgs.intArg;
import static dev.ledgerloop.bench.SampleEnvelopes.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerloop.platform.runtime.CommonPool;
import dev.ledgerloop.standalone.LedgerloopSystem;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Load tool for the walking skeleton: starts the standalone system on a temporary directory and measures, over real
 * HTTP through the gateway, send-message requests/s with p50/p99 latency at a fixed number of requests in flight,
 * then the lag from sending a message to seeing it in the timeline. Arguments {@code name=value}: {@code seconds}
 * (10), {@code warmup} (3: seconds of sends first, not counted, so that the JIT compiler has done most of its work), {@code
 * inFlight} (16), {@code sessions} (20), {@code lagSamples} (300), {@code log} (1; 0 runs without the verifiable log,
 * for its overhead).
 */
public final class SessionApiBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CATCH_UP_SECONDS = 300;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String key;

    private SessionApiBenchmark(String base, String key) {
        this.base = base;
        this.key = key;
    }

    public static void main(String[] args) throws Exception {
        CommonPool.ensureParallelism();
        int seconds = intArg(args, "seconds", 10);
        int warmup = intArg(args, "warmup", 3);
        int inFlight = intArg(args, "inFlight", 16);
        int sessions = intArg(args, "sessions", 20);
        int lagSamples = intArg(args, "lagSamples", 300);
        boolean verifiableLog = intArg(args, "log", 1) != 0;
        Path data = Files.createTempDirectory("ledgerloop-session-bench-");
        // One key drives the whole load: the gateway's per-key rate limit would measure itself, not the system.
        try (LedgerloopSystem system = LedgerloopSystem.start(
                data,
                0,
                Map.of("ledgerloop.gateway.rate-limit.enabled", false),
                "--ledgerloop.log.enabled=" + verifiableLog)) {
            SessionApiBenchmark bench = new SessionApiBenchmark(
                    "http://localhost:" + system.gatewayPort(), system.secrets().bootstrapKeyOnce());
            System.out.printf(
                    "Session API load through the gateway (%d processors, verifiable log %s)%n",
                    Runtime.getRuntime().availableProcessors(), verifiableLog ? "on" : "off");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                ids.add(bench.createSession());
            }
            bench.sendPhase(ids, warmup, inFlight, false);
            bench.sendPhase(ids, seconds, inFlight, true);
            bench.lagPhase(ids.get(0), lagSamples);
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    /**
     * The CPU time this process used so far: per request, the work a send costs the whole system. A busy machine skews
     * it too (53–66 ms per request at load average 10–16, log on or off).
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private String createSession() throws Exception {
        HttpResponse<String> response = post("/v1/agent/sessions", "{\"encryptedTitle\":" + envelope() + "}");
        if (response.statusCode() != 201) {
            throw new IllegalStateException(
                    "Creating a session answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("id").asText();
    }

    private void sendPhase(List<String> sessions, int seconds, int inFlight, boolean print) throws Exception {
        Histogram latency = new Histogram(3);
        AtomicLong failures = new AtomicLong();
        Semaphore slots = new Semaphore(inFlight);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long started = System.nanoTime();
        long cpuStarted = processCpuNanos();
        long sent = 0;
        while (System.nanoTime() < end) {
            slots.acquire();
            String session = sessions.get((int) (sent++ % sessions.size()));
            long t0 = System.nanoTime();
            http.sendAsync(messageRequest(session), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> {
                        if (error != null || response.statusCode() != 201) {
                            failures.incrementAndGet();
                        } else {
                            latency.recordValue(System.nanoTime() - t0);
                        }
                        slots.release();
                    });
        }
        slots.acquire(inFlight);
        double elapsed = (System.nanoTime() - started) / 1e9;
        if (print) {
            // The work the sends left behind (views, the log) is theirs too: counted until every processor has it.
            double caughtUpAfter = awaitProcessorsCaughtUp();
            double cpuMillis = (processCpuNanos() - cpuStarted) / 1e6;
            System.out.printf(
                    "CPU of this process (system and client) over the sends and until every processor had caught up"
                            + " (%.1f s after the last answer): %.2f ms per request%n",
                    caughtUpAfter, cpuMillis / Math.max(1, latency.getTotalCount()));
            System.out.printf(
                    "send message, %d in flight: %,d requests in %.1f s = %,.0f req/s; latency p50 %.2f ms, p99 %.2f ms,"
                            + " max %.2f ms; %d failed%n",
                    inFlight,
                    latency.getTotalCount(),
                    elapsed,
                    latency.getTotalCount() / elapsed,
                    latency.getValueAtPercentile(50) / 1e6,
                    latency.getValueAtPercentile(99) / 1e6,
                    latency.getMaxValue() / 1e6,
                    failures.get());
        }
    }

    /** Sends one message at a time and polls the timeline until it shows it: command-to-view lag. */
    private void lagPhase(String session, int samples) throws Exception {
        Histogram fromSend = new Histogram(3);
        Histogram fromAck = new Histogram(3);
        for (int i = 0; i < samples; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> sent = http.send(messageRequest(session), HttpResponse.BodyHandlers.ofString());
            long acked = System.nanoTime();
            String messageId = JSON.readTree(sent.body()).get("id").asText();
            while (!newestTimelineItem(session).equals(messageId)) {
                Thread.onSpinWait();
            }
            long visible = System.nanoTime();
            fromSend.recordValue(visible - t0);
            fromAck.recordValue(visible - acked);
        }
        System.out.printf(
                "command -> timeline visible (%d samples): from send p50 %.2f ms, p99 %.2f ms; from 201 p50 %.2f ms,"
                        + " p99 %.2f ms%n",
                samples,
                fromSend.getValueAtPercentile(50) / 1e6,
                fromSend.getValueAtPercentile(99) / 1e6,
                fromAck.getValueAtPercentile(50) / 1e6,
                fromAck.getValueAtPercentile(99) / 1e6);
    }

    /**
     * Polls the processors' listing until none is behind the head of the log (at most {@link #CATCH_UP_SECONDS}); the
     * seconds it took. The verifiable log's builder is not a processor: it runs at most its batch delay behind.
     */
    private double awaitProcessorsCaughtUp() throws Exception {
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(CATCH_UP_SECONDS);
        boolean firstPoll = true;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/v1/admin/projections"))
                            .header("X-API-Key", key)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("The processors' listing answered " + response.statusCode());
            }
            List<String> behind = new ArrayList<>();
            for (JsonNode processor : JSON.readTree(response.body()).path("data")) {
                JsonNode lag = processor.path("lag");
                if (lag.path("events").asLong(-1) != 0 || lag.path("atLeast").asBoolean()) {
                    behind.add(String.format(
                            "%s %s%d",
                            processor.path("name").asText(),
                            lag.path("atLeast").asBoolean() ? ">=" : "",
                            lag.path("events").asLong()));
                }
            }
            if (firstPoll) {
                System.out.printf(
                        "events each processor was behind the log at the last answer: %s%n",
                        behind.isEmpty() ? "none" : behind);
                firstPoll = false;
            }
            if (behind.isEmpty()) {
                return (System.nanoTime() - started) / 1e9;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new IllegalStateException("The processors had not caught up " + CATCH_UP_SECONDS + " s after the sends");
    }

    private String newestTimelineItem(String session) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/agent/sessions/" + session + "/timeline?limit=1"))
                        .header("X-API-Key", key)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode data = JSON.readTree(response.body()).path("data");
        return data.isArray() && data.size() > 0
                ? data.get(data.size() - 1).path("id").asText()
                : "";
    }

    private HttpRequest messageRequest(String session) {
        return HttpRequest.newBuilder(URI.create(base + "/v1/agent/sessions/" + session + "/messages"))
                .header("X-API-Key", key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"encryptedContent\":" + envelope() + "}"))
                .build();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("X-API-Key", key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
