package dev.ledgerloop.bench;

import static dev.ledgerloop.bench.BenchArgs.intArg;
import static dev.ledgerloop.bench.BenchArgs.stringArg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerloop.bench.peer.ProcessCpu;
import dev.ledgerloop.bench.peer.TemporaryDirectories;
import dev.ledgerloop.platform.runtime.CommonPool;
import dev.ledgerloop.standalone.LedgerloopSystem;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Rebuild of every view from the log (docs/replay.md §Rebuild): appends {@code events} session events (opened, a
 * participant, messages that wait for an answer, edits), waits until every processor has caught up, then rebuilds
 * {@code all} through the admin API and prints events/s as the rebuild reports it, and the CPU time this JVM (the whole
 * system) spent from the rebuild's start until the benchmark saw it finished. Arguments {@code name=value}:
 * {@code events} (100000), {@code rebuilds} (2; the first warms the JIT), {@code data} (a directory to keep the
 * loaded system in: a later run with the same {@code data} rebuilds its log without appending again), {@code view}
 * ({@code all}, or one view's name: a view with little to do measures what reading and decoding the log costs).
 */
public final class RebuildBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS_PER_SESSION = 50;

    private final GatewayClient gateway;

    private RebuildBenchmark(GatewayClient gateway) {
        this.gateway = gateway;
    }

    public static void main(String[] args) throws Exception {
        CommonPool.ensureParallelism();
        int events = intArg(args, "events", 100_000);
        int rebuilds = intArg(args, "rebuilds", 2);
        String kept = stringArg(args, "data");
        String view = Objects.requireNonNullElse(stringArg(args, "view"), "all");
        Path data = LoadedLog.directory(kept, "ledgerloop-rebuild-bench-");
        LoadedLog loaded = LoadedLog.readFrom(data);
        try (LedgerloopSystem system =
                LedgerloopSystem.start(data, 0, Map.of("ledgerloop.gateway.rate-limit.enabled", false))) {
            System.out.printf(
                    "Rebuild of %s (%d processors)%n",
                    view, Runtime.getRuntime().availableProcessors());
            if (loaded == null) {
                String key = LoadedLog.keyOfFresh(system, data);
                SessionAppender appender = write(system, events);
                System.out.printf("appended %,d events in %.1f s%n", appender.events(), appender.seconds());
                loaded = new LoadedLog(
                        appender.events(), (int) (appender.events() / EVENTS_PER_SESSION), appender.seconds(), key);
                if (kept != null) {
                    loaded.writeTo(data);
                }
            } else {
                System.out.printf(
                        "reusing the %,d events an earlier run appended (events= left aside)%n", loaded.events());
            }
            RebuildBenchmark bench =
                    new RebuildBenchmark(new GatewayClient("http://localhost:" + system.gatewayPort(), loaded.key()));
            ProcessorLag lag = new ProcessorLag(bench.gateway);
            events = (int) loaded.events();
            lag.awaitCaughtUp(ProcessorLag.catchUpBound(events), true);
            for (int i = 1; i <= rebuilds; i++) {
                long cpuBefore = ProcessCpu.ofThisJvm();
                JsonNode done = bench.rebuild(view);
                double cpuSeconds = (ProcessCpu.ofThisJvm() - cpuBefore) / 1e9;
                double seconds = java.time.Duration.between(
                                        java.time.Instant.parse(
                                                done.get("startedAt").asText()),
                                        java.time.Instant.parse(
                                                done.get("finishedAt").asText()))
                                .toMillis()
                        / 1000.0;
                System.out.printf(
                        "rebuild %d of %s (%d views): %s, %,d events in %.2f s = %,.0f events/s; CPU %.1f s = %.0f"
                                + " µs/event%n",
                        i,
                        view,
                        done.get("views").size(),
                        done.get("status").asText(),
                        done.get("eventsDone").asLong(),
                        seconds,
                        done.get("eventsDone").asLong() / seconds,
                        cpuSeconds,
                        cpuSeconds * 1e6 / done.get("eventsDone").asLong());
                lag.awaitCaughtUp(ProcessorLag.catchUpBound(events), true);
            }
        } finally {
            if (kept == null) {
                TemporaryDirectories.deleteRecursively(data);
            }
        }
    }

    /**
     * Sessions of {@value #EVENTS_PER_SESSION} events each (opened, a participant, messages that wait for an answer,
     * every tenth event an edit of the message before it).
     */
    private static SessionAppender write(LedgerloopSystem system, int events) {
        SessionAppender appender = new SessionAppender(system, "rebuild-benchmark");
        while (appender.events() < events) {
            SessionEvents session = SessionEvents.opened(appender.agent()).participant("alice");
            while (session.size() < EVENTS_PER_SESSION) {
                if (session.size() % 10 == 9 && session.hasAgentMessage()) {
                    session.editLastAgentMessage();
                } else {
                    session.agentMessage(true);
                }
            }
            appender.append(session);
        }
        return appender;
    }

    private JsonNode rebuild(String view) throws Exception {
        HttpResponse<String> started = gateway.send("POST", "/v1/admin/projections/" + view + "/rebuild", "");
        if (started.statusCode() != 202) {
            throw new IllegalStateException("The rebuild answered " + started.statusCode() + ": " + started.body());
        }
        while (true) {
            HttpResponse<String> listing = gateway.get("/v1/admin/projections");
            JsonNode rebuild =
                    listing.statusCode() == 200 ? JSON.readTree(listing.body()).get("rebuild") : null;
            if (rebuild == null) {
                // The switch-over pauses the embedded MongoDB while it copies the views: the listing may time out.
                System.out.printf("  listing answered %d, asking again%n", listing.statusCode());
                Thread.sleep(1_000);
                continue;
            }
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
}
