package dev.ledgerloop.bench;

import static dev.ledgerloop.bench.BenchArgs.intArg;
import static dev.ledgerloop.bench.BenchArgs.stringArg;

import dev.ledgerloop.events.evidence.EvidenceBundle;
import dev.ledgerloop.platform.runtime.CommonPool;
import dev.ledgerloop.standalone.LedgerloopSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Evidence bundles (docs/verifiable-record.md, "Evidence bundles") over real HTTP through the gateway of the standalone
 * system: one session is given {@code events} events, then its bundle is exported {@code exports} times (p50/p99/max
 * printed), and, with the system stopped, the offline verifier checks the bundle {@code verifications} times (events
 * per second printed, after a warm-up). Arguments {@code name=value}: {@code events} (1000), {@code exports} (20), {@code verifications} (20), {@code keep} (a directory to keep the bundle and the
 * verifier key in, for {@code verify}).
 */
public final class EvidenceBenchmark {
    private EvidenceBenchmark() {}

    public static void main(String[] args) throws Exception {
        CommonPool.ensureParallelism();
        int events = intArg(args, "events", 1000);
        int exports = intArg(args, "exports", 20);
        int verifications = intArg(args, "verifications", 20);
        Path data = Files.createTempDirectory("ledgerloop-evidence-bench-");
        byte[] bundleBytes;
        EvidenceBundle bundle;
        String verifierKey;
        try (LedgerloopSystem system =
                LedgerloopSystem.start(data, 0, Map.of("ledgerloop.gateway.rate-limit.enabled", false))) {
            GatewayClient gateway = new GatewayClient(
                    "http://localhost:" + system.gatewayPort(), system.secrets().bootstrapKeyOnce());
            verifierKey = gateway.get("/v1/admin/log/verifier-key").body().strip();
            System.out.printf(
                    "Evidence bundles (%d processors)%n", Runtime.getRuntime().availableProcessors());
            String export = "/v1/admin/sessions/" + gateway.sessionWith(events) + "/export";
            bundleBytes = coveringBundle(gateway, export, events);
            bundle = EvidenceBundle.read(bundleBytes);

            Histogram latency = new Histogram(3);
            int bytes = 0;
            for (int i = 0; i < exports; i++) {
                long t0 = System.nanoTime();
                bytes = GatewayClient.expect(200, gateway.getBytes(export)).body().length;
                latency.recordValue(System.nanoTime() - t0);
            }
            System.out.printf(
                    "GET /export of a %d-event session (%,d bytes): %d requests, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    bundle.records().size(),
                    bytes,
                    exports,
                    latency.getValueAtPercentile(50) / 1e6,
                    latency.getValueAtPercentile(99) / 1e6,
                    latency.getMaxValue() / 1e6);
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
        String keep = stringArg(args, "keep");
        if (keep != null) {
            Path kept = Files.createDirectories(Path.of(keep));
            Files.write(kept.resolve("bundle.zip"), bundleBytes);
            Files.writeString(kept.resolve("verifier-key.txt"), verifierKey);
            System.out.println("bundle and verifier key kept in " + kept.toAbsolutePath());
        }
        // With the system stopped: the verifier runs alone, as it would on an auditor's machine.
        VerifyBenchmark.measure(bundle, verifierKey, verifications);
    }

    /** Exports until the latest checkpoint covers every event of the session (a checkpoint follows within seconds). */
    private static byte[] coveringBundle(GatewayClient gateway, String export, int events) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            byte[] bytes = GatewayClient.expect(200, gateway.getBytes(export)).body();
            EvidenceBundle bundle = EvidenceBundle.read(bytes);
            boolean covered = bundle.records().stream().allMatch(record -> record.leafIndex() != null);
            if (covered && bundle.records().size() >= events) {
                return bytes;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("No checkpoint covers the session after 60 s");
            }
            Thread.sleep(200);
        }
    }
}
