package dev.ledgerloop.bench;

import com.sun.net.httpserver.HttpServer;
import dev.ledgerloop.bench.peer.TemporaryDirectories;
import dev.ledgerloop.platform.runtime.CommonPool;
import dev.ledgerloop.standalone.LedgerloopSystem;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Writes next to many webhook endpoints, the shape that once stalled every write for 60 s (docs/concurrency.md):
 * starts the standalone system and a local receiver answering 200, registers {@code endpoints} endpoints for
 * {@code session.*}, then {@code clients} clients each open sessions one after another, {@code pauseMillis} apart,
 * until {@code creates} sessions exist. Prints the latency of every create (p50, p99, max, and how many took more than
 * a second) and whether every delivery arrived. Fails (exit status 1, the reasons on stderr) when any create took over
 * a second or a delivery is missing 120 s after the last create. Arguments {@code name=value}: {@code endpoints} (5),
 * {@code creates} (200), {@code clients} (1), {@code pauseMillis} (300, the reproduction; 0 for a burst).
 */
public final class WebhookSoakBenchmark {
    private static final Duration STALL = Duration.ofSeconds(120);

    private WebhookSoakBenchmark() {}

    public static void main(String[] args) throws Exception {
        CommonPool.ensureParallelism();
        int endpoints = BenchArgs.intArg(args, "endpoints", 5);
        int creates = BenchArgs.intArg(args, "creates", 200);
        int clients = BenchArgs.intArg(args, "clients", 1);
        int pauseMillis = BenchArgs.intArg(args, "pauseMillis", 300);
        Path data = Files.createTempDirectory("ledgerloop-webhook-soak-");
        AtomicLong received = new AtomicLong();
        ExecutorService receiverThreads = Executors.newFixedThreadPool(4);
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.setExecutor(receiverThreads);
        receiver.start();
        ExecutorService clientThreads = Executors.newFixedThreadPool(clients);
        SoakVerdict verdict;
        try (LedgerloopSystem system =
                LedgerloopSystem.start(data, 0, Map.of("ledgerloop.gateway.rate-limit.enabled", false))) {
            String base = "http://localhost:" + system.gatewayPort();
            String key = system.secrets().bootstrapKeyOnce();
            HttpClient http = HttpClient.newHttpClient();
            for (int endpoint = 0; endpoint < endpoints; endpoint++) {
                String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/" + endpoint;
                post(http, base, key, "/v1/admin/webhooks", "{\"url\":\"" + url + "\",\"eventTypes\":[\"session.*\"]}");
            }
            System.out.printf(
                    "Webhook soak: %d endpoints, %d session creates from %d clients, %d ms apart (%d processors)%n",
                    endpoints,
                    creates,
                    clients,
                    pauseMillis,
                    Runtime.getRuntime().availableProcessors());
            Histogram latencies = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
            AtomicLong overOneSecond = new AtomicLong();
            long started = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                int share = creates / clients + (client < creates % clients ? 1 : 0);
                running.add(clientThreads.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        long sent = System.nanoTime();
                        post(http, base, key, "/v1/agent/sessions", "{}");
                        long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sent);
                        synchronized (latencies) {
                            latencies.recordValue(micros);
                        }
                        if (micros > 1_000_000) {
                            overOneSecond.incrementAndGet();
                        }
                        Thread.sleep(pauseMillis);
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(
                    "creates: %d in %.1f s; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; over 1 s: %d%n",
                    latencies.getTotalCount(),
                    seconds,
                    latencies.getValueAtPercentile(50) / 1000.0,
                    latencies.getValueAtPercentile(99) / 1000.0,
                    latencies.getMaxValue() / 1000.0,
                    overOneSecond.get());
            long expected = (long) creates * endpoints;
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (received.get() < expected && System.nanoTime() < waitUntil) {
                Thread.sleep(50);
            }
            System.out.printf(
                    "deliveries: %d of %d arrived %.1f s after the first create%n",
                    received.get(), expected, (System.nanoTime() - started) / 1e9);
            verdict = new SoakVerdict(overOneSecond.get(), latencies.getMaxValue() / 1000.0, received.get(), expected);
        } finally {
            clientThreads.shutdownNow();
            receiver.stop(0);
            receiverThreads.shutdownNow();
            TemporaryDirectories.deleteRecursively(data);
        }
        List<String> failures = verdict.failures();
        if (!failures.isEmpty()) {
            failures.forEach(reason -> System.err.println("webhook-soak FAILED: " + reason));
            System.exit(1);
        }
    }

    private static void post(HttpClient http, String base, String key, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(STALL)
                        .header("Content-Type", "application/json")
                        .header("X-API-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(
                    "POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
