package dev.ledgerloop.bench;

import static dev.ledgerloop.bench.BenchArgs.intArg;
import static dev.ledgerloop.bench.BenchArgs.stringArg;

import dev.ledgerloop.fuzz.ApiFuzzer;
import dev.ledgerloop.fuzz.FuzzReport;
import dev.ledgerloop.platform.runtime.CommonPool;
import dev.ledgerloop.standalone.LedgerloopSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The long run of the API fuzzer (docs/testing.md) on a fresh standalone system: cases {@code from} to
 * {@code from + cases - 1} of {@code seed} (a new seed when none is given), then how many ran per operation, per
 * family and per status, and every distinct failure with a case that shows it. Exits 1 when anything failed.
 * Arguments {@code name=value}: {@code cases} (10000), {@code seed} (random), {@code from} (0).
 */
public final class FuzzBenchmark {
    private FuzzBenchmark() {}

    public static void main(String[] args) throws Exception {
        CommonPool.ensureParallelism();
        int cases = intArg(args, "cases", 10_000);
        int from = intArg(args, "from", 0);
        String seedArg = stringArg(args, "seed");
        long seed = seedArg == null ? ThreadLocalRandom.current().nextLong() : Long.parseLong(seedArg);
        System.out.printf("API fuzzing: seed=%d cases=%d from=%d%n", seed, cases, from);
        Path data = Files.createTempDirectory("ledgerloop-fuzz-");
        FuzzReport report;
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0, ApiFuzzer.GATEWAY_SETTINGS)) {
            report = ApiFuzzer.run(system, seed, from, cases, System.out);
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
        report.print(System.out);
        if (!report.failures().isEmpty()) {
            System.exit(1);
        }
    }
}
