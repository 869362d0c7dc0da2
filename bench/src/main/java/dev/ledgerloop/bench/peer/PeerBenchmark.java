package dev.ledgerloop.bench.peer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ledgerloop.bench.BenchArgs;
import dev.ledgerloop.bench.JitWarmup;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.Priority;
import dev.ledgerloop.events.session.SenderType;
import dev.ledgerloop.platform.runtime.CommonPool;
import dev.ledgerloop.service.events.EventContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The peer benchmark (not a test): the same send-message command on an Axon event-sourced aggregate, measured in one
 * run on Axon's stock JDBC engine on a throwaway PostgreSQL ({@link JdbcPeer}) and on our engine on our node ({@link
 * EventStoreDbOurs}). Each engine gets the same harness: {@code sessions} {@link BenchSession}s opened first, then
 * {@link SendBenchMessage} commands round-robin through Axon's command gateway, one pooled streaming processor
 * counting the events ({@link MessageCounter}), the product's {@code BoundedAggregateCache} as the aggregate cache
 * (1,000 aggregates, 10 minutes idle). Phases: a warm-up at 16 in flight, then 1 and 16 in flight, each {@code
 * seconds} long; after each the processor is given time to handle every event sent so far, so that it does not take
 * CPU from the next phase. It prints commands/s, latency, the processor's lag and CPU per command for each, and a table of both
 * with the ratio ours/peer.
 *
 * <p>Arguments ({@code name=value}): {@code seconds} (20), {@code warmup} (60: the JIT compiler is still busy for a
 * minute and more, docs/performance.md §Warm-up; each engine's warm-up then goes on until the compiler is quiet, as
 * {@link JitWarmup} describes), {@code warmupMax} (600), {@code jitQuiet} (1; 0 warms each engine up for exactly
 * {@code warmup} seconds), {@code sessions} (200), {@code pgBin} ({@code
 * /usr/lib/postgresql/15/bin}), {@code dir} (where the temporary data directories go, {@code java.io.tmpdir}), {@code
 * engines} ({@code peer,ours}; one of them alone, e.g. to profile it, prints no table), {@code tokens} ({@code stock}:
 * each engine's own token store, JDBC for the peer and the product's MongoDB one for ours; {@code memory}: Axon's
 * in-memory token store for both, which leaves the token store's cost out of the comparison), {@code codec} ({@code
 * product}: ours with the product's encrypting, hash-chaining codec; {@code json}: ours with the engine's clear-JSON
 * codec on the same Jackson serializer as the peer, which stores the same bytes the peer stores).
 */
public final class PeerBenchmark {
    private static final int[] IN_FLIGHT = {1, 16};
    private static final int WARMUP_IN_FLIGHT = 16;
    private static final int EVENT_BYTES = 300;
    private static final long CATCH_UP_SECONDS = 120;

    private final int seconds;
    private final JitWarmup.Settings warmup;
    private final int sessions;
    private final Path pgBin;
    private final Path parent;
    private final List<String> engines;
    private final boolean stockTokens;
    private final boolean productCodec;
    private final ObjectMapper json =
            JsonMapper.builder().addModule(new JavaTimeModule()).build();
    private final EncryptedEnvelope content;
    private final MetaData context;

    private PeerBenchmark(String[] args) {
        this.seconds = BenchArgs.intArg(args, "seconds", 20);
        this.warmup = JitWarmup.Settings.read((name, fallback) -> BenchArgs.intArg(args, name, fallback), "warmup");
        this.sessions = BenchArgs.intArg(args, "sessions", 200);
        this.pgBin = ThrowawayPostgres.binDirectory(args);
        String dir = BenchArgs.stringArg(args, "dir");
        this.parent = Path.of(dir == null ? System.getProperty("java.io.tmpdir") : dir);
        String engines = BenchArgs.stringArg(args, "engines");
        this.engines = List.of((engines == null ? "peer,ours" : engines).split(","));
        String tokens = BenchArgs.stringArg(args, "tokens");
        this.stockTokens = tokens == null || tokens.equals("stock");
        String codec = BenchArgs.stringArg(args, "codec");
        this.productCodec = codec == null || codec.equals("product");
        this.content = sizedEnvelope();
        this.context = MetaData.from(Map.of(
                EventContext.SPACE_ID, UUID.randomUUID().toString(),
                EventContext.ACTOR_ID, "bench-agent",
                EventContext.ACTOR_KIND, "agent"));
    }

    public static void main(String[] args) throws Exception {
        CommonPool.ensureParallelism();
        new PeerBenchmark(args).run();
    }

    private record Result(String engine, List<CommandLoad.Phase> phases) {}

    private void run() throws Exception {
        printHeader();
        JacksonSerializer serializer =
                JacksonSerializer.builder().objectMapper(json).build();
        List<Result> results = new ArrayList<>();
        String loadBefore = loadAverage();
        if (engines.contains("peer")) {
            MessageCounter counter = new MessageCounter();
            try (JdbcPeer peer = JdbcPeer.start(pgBin, parent, serializer, stockTokens, counter)) {
                results.add(measure(peer, counter));
            }
            System.gc();
        }
        if (engines.contains("ours")) {
            Path directory = Files.createTempDirectory(parent, "ledgerloop-peer-ours-");
            Thread cleanUp = new Thread(() -> TemporaryDirectories.deleteRecursively(directory), "peer-bench-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanUp);
            try {
                MessageCounter counter = new MessageCounter();
                try (EventStoreDbOurs ours =
                        EventStoreDbOurs.start(directory, serializer, productCodec, stockTokens, counter)) {
                    results.add(measure(ours, counter));
                }
            } finally {
                TemporaryDirectories.deleteRecursively(directory);
                Runtime.getRuntime().removeShutdownHook(cleanUp);
            }
        }
        if (results.size() == 2) {
            printTable(results.get(0), results.get(1), loadBefore, loadAverage());
        }
    }

    private Result measure(EngineUnderTest engine, MessageCounter counter) throws Exception {
        System.out.printf("%n== %s: %s%n", engine.name(), engine.description());
        System.out.printf("   load average before: %s%n", loadAverage());
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            ids.add(UUID.randomUUID());
        }
        CommandLoad load = new CommandLoad(engine.axon().commandGateway(), ids, content, context);
        long openStarted = System.nanoTime();
        load.open(ids, UUID.randomUUID());
        System.out.printf("   opened %d sessions in %.1f s%n", sessions, (System.nanoTime() - openStarted) / 1e9);
        List<CommandLoad.Phase> rounds = new ArrayList<>();
        JitWarmup.Report warm = JitWarmup.run(
                warmup, roundSeconds -> rounds.add(load.run(WARMUP_IN_FLIGHT, roundSeconds, counter, engine)));
        long sent = rounds.stream().mapToLong(CommandLoad.Phase::commands).sum();
        double warmSeconds =
                rounds.stream().mapToLong(CommandLoad.Phase::elapsedNanos).sum() / 1e9;
        System.out.printf(
                Locale.ROOT,
                "   %s; at %d in flight: %.0f commands/s%n",
                warm.describe(),
                WARMUP_IN_FLIGHT,
                warmSeconds > 0 ? sent / warmSeconds : 0);
        System.out.printf("   processor: %s%n", awaitCatchUp(counter, sent));
        List<CommandLoad.Phase> phases = new ArrayList<>();
        for (int inFlight : IN_FLIGHT) {
            CommandLoad.Phase phase = load.run(inFlight, seconds, counter, engine);
            sent += phase.commands();
            phases.add(phase);
            System.out.printf(
                    Locale.ROOT,
                    "   %2d in flight: %7.0f commands/s, latency p50 %.2f p99 %.2f max %.2f ms, processor lag p99 %.2f"
                            + " ms, CPU %.3f ms/command (JVM) %.3f ms/command (PostgreSQL)%s%n",
                    inFlight,
                    phase.commandsPerSecond(),
                    millis(phase.latencyMicros(), 50),
                    millis(phase.latencyMicros(), 99),
                    phase.latencyMicros().getMaxValue() / 1000.0,
                    millis(phase.lagMicros(), 99),
                    phase.jvmCpuNanos() / 1e6 / phase.commands(),
                    phase.externalCpuNanos() / 1e6 / phase.commands(),
                    phase.failures() > 0 ? ", " + phase.failures() + " FAILED" : "");
            // A processor still working off one phase's events would take CPU from the next phase's commands.
            System.out.printf("   processor: %s%n", awaitCatchUp(counter, sent));
        }
        System.out.printf("   load average after: %s%n", loadAverage());
        return new Result(engine.name(), phases);
    }

    private static String awaitCatchUp(MessageCounter counter, long sent) {
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(CATCH_UP_SECONDS);
        while (counter.handled() < sent && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return counter.handled() >= sent
                ? String.format(
                        Locale.ROOT,
                        "handled all %d messages, %.1f s after the phase",
                        sent,
                        (System.nanoTime() - started) / 1e9)
                : "handled only " + counter.handled() + " of " + sent + " messages after " + CATCH_UP_SECONDS + " s";
    }

    private void printHeader() throws IOException {
        System.out.println(
                "Ledgerloop peer benchmark: the same send-message command on an Axon aggregate, on Axon's"
                        + " JdbcEventStorageEngine on PostgreSQL (peer) and on our EventStoreDbStorageEngine on our node (ours)");
        System.out.printf(
                "Date     : %s, %d CPUs, JVM %s %s, common-pool parallelism %d%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"),
                ForkJoinPool.getCommonPoolParallelism());
        System.out.printf(
                "Settings : seconds=%d warmup=%d warmupMax=%d jitQuiet=%d (at %d in flight) sessions=%d pgBin=%s dir=%s"
                        + " tokens=%s codec=%s%n",
                seconds,
                warmup.minimum(),
                warmup.maximum(),
                warmup.untilQuiet() ? 1 : 0,
                WARMUP_IN_FLIGHT,
                sessions,
                pgBin,
                parent,
                stockTokens ? "stock" : "memory",
                productCodec ? "product" : "json");
        System.out.printf(
                "Harness  : MessageSent of %d bytes of JSON per command, sent round-robin to the sessions through"
                        + " Axon's CommandGateway (simple command bus, sender threads = commands in flight);"
                        + " aggregate cache BoundedAggregateCache(1,000, 10 min) on both; one pooled streaming processor%n",
                json.writeValueAsBytes(sampleMessage(content)).length);
    }

    private void printTable(Result peer, Result ours, String loadBefore, String loadAfter) {
        System.out.printf("%n%-44s %14s %14s %10s%n", "figure", "peer", "ours", "ours/peer");
        for (int i = 0; i < IN_FLIGHT.length; i++) {
            CommandLoad.Phase p = peer.phases().get(i);
            CommandLoad.Phase o = ours.phases().get(i);
            String at = IN_FLIGHT[i] + " in flight: ";
            row(at + "commands/s", p.commandsPerSecond(), o.commandsPerSecond(), "%.0f");
            row(at + "latency p50 ms", millis(p.latencyMicros(), 50), millis(o.latencyMicros(), 50), "%.2f");
            row(at + "latency p99 ms", millis(p.latencyMicros(), 99), millis(o.latencyMicros(), 99), "%.2f");
            row(
                    at + "latency max ms",
                    p.latencyMicros().getMaxValue() / 1000.0,
                    o.latencyMicros().getMaxValue() / 1000.0,
                    "%.2f");
            row(at + "processor lag p99 ms", millis(p.lagMicros(), 99), millis(o.lagMicros(), 99), "%.2f");
            row(
                    at + "CPU ms/command, JVM",
                    p.jvmCpuNanos() / 1e6 / p.commands(),
                    o.jvmCpuNanos() / 1e6 / o.commands(),
                    "%.3f");
            row(
                    at + "CPU ms/command, JVM + PostgreSQL",
                    (p.jvmCpuNanos() + p.externalCpuNanos()) / 1e6 / p.commands(),
                    (o.jvmCpuNanos() + o.externalCpuNanos()) / 1e6 / o.commands(),
                    "%.3f");
        }
        System.out.printf("%nLoad average (1, 5, 15 min): before %s, after %s%n", loadBefore, loadAfter);
        for (int i = 0; i < IN_FLIGHT.length; i++) {
            double ratio = ours.phases().get(i).commandsPerSecond()
                    / peer.phases().get(i).commandsPerSecond();
            System.out.printf(
                    Locale.ROOT,
                    "At %2d in flight ours is %s the peer: %.2f× its commands/s%n",
                    IN_FLIGHT[i],
                    ratio >= 1 ? "at least as fast as" : "SLOWER than",
                    ratio);
        }
    }

    private static void row(String figure, double peer, double ours, String format) {
        System.out.printf(
                Locale.ROOT,
                "%-44s %14s %14s %10s%n",
                figure,
                String.format(Locale.ROOT, format, peer),
                String.format(Locale.ROOT, format, ours),
                peer == 0 ? "-" : String.format(Locale.ROOT, "%.2f", ours / peer));
    }

    private static double millis(Histogram micros, double percentile) {
        return micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(percentile) / 1000.0;
    }

    /** An end-to-end encrypted message content whose {@code MessageSent} is about {@value #EVENT_BYTES} bytes. */
    private EncryptedEnvelope sizedEnvelope() {
        SecureRandom random = new SecureRandom();
        EncryptedEnvelope empty =
                new EncryptedEnvelope(EncryptedEnvelope.VERSION, EncryptedEnvelope.ALGORITHM, "", List.of());
        int missing = EVENT_BYTES - size(sampleMessage(empty));
        return new EncryptedEnvelope(
                EncryptedEnvelope.VERSION,
                EncryptedEnvelope.ALGORITHM,
                base64(random, Math.max(12, missing / 4 * 3)),
                List.of());
    }

    private static MessageSent sampleMessage(EncryptedEnvelope content) {
        return new MessageSent(
                UUID.randomUUID(),
                UUID.randomUUID(),
                SenderType.Agent,
                UUID.randomUUID(),
                null,
                content,
                null,
                false,
                Priority.Medium,
                null,
                null);
    }

    private int size(Object value) {
        try {
            return json.writeValueAsBytes(value).length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String base64(SecureRandom random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getEncoder().encodeToString(value);
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
