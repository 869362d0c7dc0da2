package dev.ledgerloop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerloop.platform.runtime.CommonPool;
import dev.ledgerloop.standalone.LedgerloopSystem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Rebuild of every view from the log (docs/replay.md §Rebuild): writes {@code events} events through the gateway
 * (sessions with participants, messages that wait for an answer, edits), waits until every processor has caught up,
 * then rebuilds {@code all} through the admin API and prints events/s as the rebuild reports it. Arguments {@code
 * name=value}: {@code events} (100000), {@code inFlight} (16), {@code rebuilds} (2; the first warms the JIT), {@code
 * data} (a directory with a log to reuse instead of writing one; it is kept).
 */
public final class RebuildBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MESSAGES_PER_SESSION = 50;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String key;

    private RebuildBenchmark(String base, String key) {
        this.base = base;
        this.key = key;
    }

    public static void main(String[] args) throws Exception {
        CommonPool.ensureParallelism();
        int events = intArg(args, "events", 100_000);
        int inFlight = intArg(args, "inFlight", 16);
        int rebuilds = intArg(args, "rebuilds", 2);
        String reuse = stringArg(args, "data");
        Path data = reuse == null ? Files.createTempDirectory("ledgerloop-rebuild-bench-") : Path.of(reuse);
        try (LedgerloopSystem system =
                LedgerloopSystem.start(data, 0, Map.of("ledgerloop.gateway.rate-limit.enabled", false))) {
            String key = system.secrets().bootstrapKeyOnce();
            if (key == null) {
                key = stringArg(args, "key");
            }
            RebuildBenchmark bench = new RebuildBenchmark("http://localhost:" + system.gatewayPort(), key);
            System.out.printf(
                    "Rebuild of all views (%d processors)%n",
                    Runtime.getRuntime().availableProcessors());
            if (reuse == null) {
                long started = System.nanoTime();
                long written = bench.write(events, inFlight);
                System.out.printf(
                        "wrote %,d events through the gateway in %.1f s (data in %s)%n",
                        written, (System.nanoTime() - started) / 1e9, data);
            }
            bench.awaitCaughtUp();
            for (int i = 1; i <= rebuilds; i++) {
                JsonNode done = bench.rebuildAll();
                double seconds = java.time.Duration.between(
                                        java.time.Instant.parse(
                                                done.get("startedAt").asText()),
                                        java.time.Instant.parse(
                                                done.get("finishedAt").asText()))
                                .toMillis()
                        / 1000.0;
                System.out.printf(
                        "rebuild %d of all (%d views): %s, %,d events in %.2f s = %,.0f events/s%n",
                        i,
                        done.get("views").size(),
                        done.get("status").asText(),
                        done.get("eventsDone").asLong(),
                        seconds,
                        done.get("eventsDone").asLong() / seconds);
                bench.awaitCaughtUp();
            }
        } finally {
            if (reuse == null) {
                try (Stream<Path> files = Files.walk(data)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(path -> path.toFile().delete());
                }
            }
        }
    }

    /** Sessions with a participant each, then messages that wait for an answer, every tenth edited; ≥ {@code events}. */
    private long write(int events, int inFlight) throws Exception {
        List<String> sessions = new ArrayList<>();
        AtomicLong failures = new AtomicLong();
        Semaphore slots = new Semaphore(inFlight);
        long written = 0;
        while (written < events) {
            String session = JSON.readTree(
                            send("POST", "/v1/agent/sessions", "{}").body())
                    .get("id")
                    .asText();
            send(
                    "POST",
                    "/v1/agent/sessions/" + session + "/participants",
                    "{\"userId\":\"alice\",\"role\":\"member\"}");
            sessions.add(session);
            written += 2;
            for (int i = 0; i < MESSAGES_PER_SESSION && written < events; i++) {
                slots.acquire();
                boolean edit = i % 10 == 9;
                http.sendAsync(
                                request(
                                        "POST",
                                        "/v1/agent/sessions/" + session + "/messages",
                                        "{\"encryptedContent\":" + envelope() + ",\"responseRequired\":true}"),
                                HttpResponse.BodyHandlers.ofString())
                        .thenCompose(sent -> !edit || sent.statusCode() != 201
                                ? java.util.concurrent.CompletableFuture.completedFuture(sent)
                                : http.sendAsync(
                                        request(
                                                "PATCH",
                                                "/v1/agent/sessions/" + session + "/messages/" + idOf(sent.body()),
                                                "{\"encryptedContent\":" + envelope() + "}"),
                                        HttpResponse.BodyHandlers.ofString()))
                        .whenComplete((response, error) -> {
                            if (error != null || response.statusCode() / 100 != 2) {
                                failures.incrementAndGet();
                            }
                            slots.release();
                        });
                written += edit ? 2 : 1;
            }
        }
        slots.acquire(inFlight);
        if (failures.get() > 0) {
            System.out.printf("%d writes failed%n", failures.get());
        }
        return written;
    }

    private void awaitCaughtUp() throws Exception {
        while (true) {
            JsonNode listing =
                    JSON.readTree(send("GET", "/v1/admin/projections", null).body());
            boolean caughtUp = true;
            for (JsonNode processor : listing.get("data")) {
                caughtUp &= processor.at("/lag/events").asLong() == 0;
            }
            if (caughtUp) {
                return;
            }
            Thread.sleep(500);
        }
    }

    private JsonNode rebuildAll() throws Exception {
        HttpResponse<String> started = send("POST", "/v1/admin/projections/all/rebuild", "");
        if (started.statusCode() != 202) {
            throw new IllegalStateException("The rebuild answered " + started.statusCode() + ": " + started.body());
        }
        while (true) {
            JsonNode rebuild = JSON.readTree(
                            send("GET", "/v1/admin/projections", null).body())
                    .get("rebuild");
            String status = rebuild.get("status").asText();
            if (status.equals("succeeded") || status.equals("failed")) {
                return rebuild;
            }
            System.out.printf(
                    "  %s: %,d/%,d events, %,d events/s, ETA %s s%n",
                    status,
                    rebuild.get("eventsDone").asLong(),
                    rebuild.get("eventsTotal").asLong(),
                    rebuild.get("eventsPerSecond").asLong(),
                    rebuild.get("etaSeconds").asText());
            Thread.sleep(1_000);
        }
    }

    private static String idOf(String body) {
        try {
            return JSON.readTree(body).get("id").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String method, String path, String body) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("X-API-Key", key)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static String envelope() {
        return "{\"v\":1,\"alg\":\"X25519-HKDF-SHA256-A256GCM\",\"ciphertext\":\"" + base64(12 + 200 + 16)
                + "\",\"wrappings\":[{\"kid\":\"human-1\",\"epk\":\"" + base64(32) + "\",\"wrappedKey\":\""
                + base64(60) + "\"}]}";
    }

    private static String base64(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }

    private static int intArg(String[] args, String name, int fallback) {
        String value = stringArg(args, name);
        return value == null ? fallback : Integer.parseInt(value);
    }

    private static String stringArg(String[] args, String name) {
        for (String arg : args) {
            if (arg.startsWith(name + "=")) {
                return arg.substring(name.length() + 1);
            }
        }
        return null;
    }
}
