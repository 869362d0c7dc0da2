package dev.ledgerloop.bench;

import static dev.ledgerloop.bench.BenchArgs.intArg;
import static dev.ledgerloop.bench.SampleEnvelopes.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerloop.bench.peer.TemporaryDirectories;
import dev.ledgerloop.platform.runtime.CommonPool;
import dev.ledgerloop.standalone.LedgerloopSystem;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Load tool for the walking skeleton: starts the standalone system on a temporary directory and measures, over real
 * HTTP through the gateway, send-message requests/s with p50/p99 latency at a fixed number of requests in flight,
 * then the lag from sending a message to seeing it in the timeline. Arguments {@code name=value}: {@code seconds}
 * (10), {@code warmup} (60: seconds of sends first, not counted, and then more until the JIT compiler is mostly done, see
 * {@link JitWarmup}), {@code warmupMax} (600), {@code jitQuiet} (1; 0 warms up for exactly {@code warmup} seconds),
 * {@code inFlight} (16), {@code sessions} (20), {@code lagSamples} (300), {@code log} (1; 0 runs without the verifiable
 * log, for its overhead).
 */
public final class SessionApiBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CATCH_UP_BOUND = Duration.ofSeconds(300);

    private final GatewayClient gateway;

    private SessionApiBenchmark(GatewayClient gateway) {
        this.gateway = gateway;
    }

    public static void main(String[] args) throws Exception {
        CommonPool.ensureParallelism();
        int seconds = intArg(args, "seconds", 10);
        JitWarmup.Settings warmup = JitWarmup.Settings.read((name, fallback) -> intArg(args, name, fallback), "warmup");
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
            SessionApiBenchmark bench = new SessionApiBenchmark(new GatewayClient(
                    "http://localhost:" + system.gatewayPort(), system.secrets().bootstrapKeyOnce()));
            System.out.printf(
                    "Session API load through the gateway (%d processors, verifiable log %s)%n",
                    Runtime.getRuntime().availableProcessors(), verifiableLog ? "on" : "off");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                ids.add(bench.gateway.openSession());
            }
            System.out.println(JitWarmup.run(
                            warmup, roundSeconds -> MessageSendLoad.run(bench.gateway, ids, roundSeconds, inFlight))
                    .describe());
            bench.measuredSends(ids, seconds, inFlight);
            bench.lagPhase(ids.get(0), lagSamples);
        } finally {
            TemporaryDirectories.deleteRecursively(data);
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

    private void measuredSends(List<String> sessions, int seconds, int inFlight) throws Exception {
        long cpuStarted = processCpuNanos();
        MessageSendLoad.Result sends = MessageSendLoad.run(gateway, sessions, seconds, inFlight);
        // The work the sends left behind (views, the log) is theirs too: counted until every processor has it.
        ProcessorLag lag = new ProcessorLag(gateway);
        List<String> behind = lag.behind();
        System.out.printf(
                "events each processor was behind the log at the last answer: %s%n",
                behind == null ? "(the listing did not answer)" : behind.isEmpty() ? "none" : behind);
        double caughtUpAfter = lag.awaitCaughtUp(CATCH_UP_BOUND, false);
        double cpuMillis = (processCpuNanos() - cpuStarted) / 1e6;
        System.out.printf(
                "CPU of this process (system and client) over the sends and until every processor had caught up"
                        + " (%.1f s after the last answer): %.2f ms per request%n",
                caughtUpAfter, cpuMillis / Math.max(1, sends.latency().getTotalCount()));
        System.out.println(sends.summary());
    }

    /** Sends one message at a time and polls the timeline until it shows it: command-to-view lag. */
    private void lagPhase(String session, int samples) throws Exception {
        Histogram fromSend = new Histogram(3);
        Histogram fromAck = new Histogram(3);
        for (int i = 0; i < samples; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> sent = gateway.post(
                    "/v1/agent/sessions/" + session + "/messages", "{\"encryptedContent\":" + envelope() + "}");
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

    private String newestTimelineItem(String session) throws Exception {
        HttpResponse<String> response = gateway.get("/v1/agent/sessions/" + session + "/timeline?limit=1");
        JsonNode data = JSON.readTree(response.body()).path("data");
        return data.isArray() && data.size() > 0
                ? data.get(data.size() - 1).path("id").asText()
                : "";
    }
}
