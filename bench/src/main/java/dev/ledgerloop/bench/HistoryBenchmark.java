package dev.ledgerloop.bench;

import static dev.ledgerloop.bench.BenchArgs.intArg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerloop.bench.peer.TemporaryDirectories;
import dev.ledgerloop.platform.runtime.CommonPool;
import dev.ledgerloop.standalone.LedgerloopSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Point-in-time history (docs/replay.md §Point in time) over real HTTP through the gateway of the standalone system:
 * one session is given {@code events} events (messages, every tenth one edited, a few participants) and every
 * processor is let catch up with them, then the
 * history is asked: once for the first time (a fold from the first event, keeping checkpoints on the way), then
 * {@code cold} times at revisions never asked before (each a fold resumed from the nearest checkpoint), and as many
 * times again below those (printed apart), then
 * {@code requests} times one after another at the end, at the middle revision and at an instant in the middle (after
 * {@code warmup} requests, so answered from the folds kept per prefix), and p50/p99/max latency printed for each.
 * All of it after the same kinds of request on another session of as many events, for at least {@code warmupSeconds}
 * (60) and until the JIT compiler is mostly done ({@link JitWarmup}; at most {@code warmupMax}, 600; {@code
 * jitQuiet=0} for exactly {@code warmupSeconds}). The timed answers are read to their end and dropped, not kept
 * ({@link GatewayClient#getDiscarding}). Arguments {@code name=value}: {@code events} (1000), {@code cold}
 * (30), {@code requests} (200), {@code warmup} (50), {@code warmupSeconds}, {@code warmupMax}, {@code jitQuiet}.
 */
public final class HistoryBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayClient gateway;

    private HistoryBenchmark(GatewayClient gateway) {
        this.gateway = gateway;
    }

    public static void main(String[] args) throws Exception {
        CommonPool.ensureParallelism();
        int events = intArg(args, "events", 1000);
        int requests = intArg(args, "requests", 200);
        int warmup = intArg(args, "warmup", 50);
        int cold = intArg(args, "cold", 30);
        if (2L * cold >= events) {
            throw new IllegalArgumentException("cold=" + cold + " needs a session of more than twice as many events");
        }
        Path data = Files.createTempDirectory("ledgerloop-history-bench-");
        try (LedgerloopSystem system =
                LedgerloopSystem.start(data, 0, Map.of("ledgerloop.gateway.rate-limit.enabled", false))) {
            GatewayClient gateway = new GatewayClient(
                    "http://localhost:" + system.gatewayPort(), system.secrets().bootstrapKeyOnce());
            HistoryBenchmark bench = new HistoryBenchmark(gateway);
            System.out.printf(
                    "Session history through the gateway (%d processors)%n",
                    Runtime.getRuntime().availableProcessors());
            System.out.println(bench.warmUp(
                            gateway.sessionWith(events),
                            JitWarmup.Settings.read((name, fallback) -> intArg(args, name, fallback), "warmupSeconds"))
                    .describe());
            String session = gateway.sessionWith(events);
            System.out.printf(
                    "every processor had caught up with the session's events %.1f s after its last%n",
                    new ProcessorLag(gateway).awaitCaughtUp(ProcessorLag.catchUpBound(events), false));
            String admin = "/v1/admin/sessions/" + session;
            long t0 = System.nanoTime();
            JsonNode latest = JSON.readTree(
                    GatewayClient.expect(200, gateway.get(admin + "/history")).body());
            System.out.printf(
                    "GET /history, the session's first (a fold from its first event): %.2f ms%n",
                    (System.nanoTime() - t0) / 1e6);
            long last = latest.get("position").get("revision").asLong();
            String middleAt = JSON.readTree(
                            gateway.get(admin + "/events?page=" + (last / 2 / 100 + 1) + "&pageSize=100")
                                    .body())
                    .get("data")
                    .get(0)
                    .get("at")
                    .asText();
            System.out.printf(
                    "session of %d events; latest history %,d bytes, %d timeline items%n",
                    last + 1,
                    gateway.get(admin + "/history").body().length(),
                    latest.get("timeline").size());
            // Twice, printed apart: a pass that a second of slow requests falls in shows it in its p99, the other
            // pass what a cold request costs without it (docs/replay.md §Measured).
            bench.measureEach(admin + "/history?atEvent=", last - cold, last, "the first after the warm-up");
            bench.measureEach(admin + "/history?atEvent=", last - 2 * cold, last - cold, "the next");
            for (String query : List.of("", "?atEvent=" + last / 2, "?at=" + middleAt)) {
                bench.measure(admin + "/history" + query, warmup, false);
                bench.measure(admin + "/history" + query, requests, true);
            }
            bench.measure(admin + "/authority?userId=user-1", requests, true);
            bench.measure(admin + "/events?page=5&pageSize=100", requests, true);
        } finally {
            TemporaryDirectories.deleteRecursively(data);
        }
    }

    /**
     * Requests of every kind measured below on another session, not counted: revisions asked for the first time from
     * the last one down (then again from the last: kept answers), each followed by the latest state and an events page.
     */
    private JitWarmup.Report warmUp(String session, JitWarmup.Settings settings) throws Exception {
        String admin = "/v1/admin/sessions/" + session;
        long last = JSON.readTree(GatewayClient.expect(200, gateway.get(admin + "/history"))
                        .body())
                .get("position")
                .get("revision")
                .asLong();
        long[] next = {last};
        return JitWarmup.run(settings, roundSeconds -> {
            long end = System.nanoTime() + roundSeconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                GatewayClient.expect(200, gateway.getDiscarding(admin + "/history?atEvent=" + next[0]));
                next[0] = next[0] == 0 ? last : next[0] - 1;
                GatewayClient.expect(200, gateway.getDiscarding(admin + "/history"));
                GatewayClient.expect(200, gateway.getDiscarding(admin + "/events?page=2&pageSize=100"));
            }
        });
    }

    /**
     * Cold: each revision from {@code from} (exclusive) to {@code to} once, so each request folds a prefix of the stream
     * no request folded before.
     */
    private void measureEach(String path, long from, long to, String which) throws Exception {
        Histogram latency = new Histogram(3);
        for (long revision = to; revision > from; revision--) {
            long t0 = System.nanoTime();
            GatewayClient.expect(200, gateway.getDiscarding(path + revision));
            latency.recordValue(System.nanoTime() - t0);
        }
        System.out.printf(
                "GET /history?atEvent=<%d..%d>, each once, %s (cold fold of ~%d events, from a checkpoint): p50 %.2f ms, p99"
                        + " %.2f ms, max %.2f ms%n",
                from + 1,
                to,
                which,
                to,
                latency.getValueAtPercentile(50) / 1e6,
                latency.getValueAtPercentile(99) / 1e6,
                latency.getMaxValue() / 1e6);
    }

    private void measure(String path, int requests, boolean print) throws Exception {
        Histogram latency = new Histogram(3);
        for (int i = 0; i < requests; i++) {
            long t0 = System.nanoTime();
            GatewayClient.expect(200, gateway.getDiscarding(path));
            latency.recordValue(System.nanoTime() - t0);
        }
        if (print) {
            System.out.printf(
                    "GET %s: %d requests, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    path.substring(path.lastIndexOf('/')),
                    requests,
                    latency.getValueAtPercentile(50) / 1e6,
                    latency.getValueAtPercentile(99) / 1e6,
                    latency.getMaxValue() / 1e6);
        }
    }
}
