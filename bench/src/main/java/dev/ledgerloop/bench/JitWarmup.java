package dev.ledgerloop.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * A benchmark's warm-up that lasts until the JIT compiler has done most of its work. The whole system runs in one JVM
 * with some two hundred threads and four Spring contexts: its compiler threads still took two thirds of a core 35–50 s
 * into a send load, a quarter of one after 100 s and a fifth after 240 s (docs/performance.md §Warm-up), competing with
 * the load for the two cores. A server that has run for minutes pays little of that, so the figures are taken after
 * it: the load runs in rounds of {@link #ROUND_SECONDS}, at least {@code minimum} seconds and then until a round in
 * which the compiler was busy less than {@link #QUIET_SHARE} of the time, at most {@code maximum} seconds.
 */
public final class JitWarmup {
    static final int ROUND_SECONDS = 5;
    static final double QUIET_SHARE = 0.25;

    private JitWarmup() {}

    /**
     * How long to warm up: at least {@code minimum} seconds, at most {@code maximum}, until the compiler is quiet
     * unless {@code untilQuiet} is false (then exactly {@code minimum}).
     */
    public record Settings(int minimum, int maximum, boolean untilQuiet) {
        /** From a benchmark's arguments: {@code <minimumName>} (60), {@code warmupMax} (600), {@code jitQuiet} (1). */
        public static Settings read(Arguments arguments, String minimumName) {
            return new Settings(
                    arguments.intArg(minimumName, 60),
                    arguments.intArg("warmupMax", 600),
                    arguments.intArg("jitQuiet", 1) != 0);
        }
    }

    /** A benchmark's whole-number argument by name, with its default. */
    @FunctionalInterface
    public interface Arguments {
        int intArg(String name, int fallback);
    }

    /** A round of the benchmark's load, {@code seconds} long. */
    @FunctionalInterface
    public interface Load {
        void run(int seconds) throws Exception;
    }

    /** What a warm-up took and how busy the compiler was in its last round. */
    public record Report(int seconds, double compilerShareLastRound, boolean quiet) {
        public String describe() {
            if (seconds == 0) {
                return "no warm-up: the figures include the JIT compiler's first work";
            }
            return String.format(
                    "warm-up: %d s of the same load, not counted; the JIT compiler's threads were compiling for %.1f %% of"
                            + " its last %d s%s",
                    seconds,
                    compilerShareLastRound * 100,
                    ROUND_SECONDS,
                    quiet ? "" : " (still busy: the figures include more of its work)");
        }
    }

    /**
     * Runs {@code load} (given the seconds of each round) until the compiler is quiet, as described above; with
     * {@code untilQuiet} false, for exactly {@code minimum} seconds.
     */
    public static Report run(Settings settings, Load load) throws Exception {
        int minimum = settings.minimum();
        int maximum = settings.maximum();
        boolean untilQuiet = settings.untilQuiet();
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        if (!untilQuiet || compiler == null || !compiler.isCompilationTimeMonitoringSupported()) {
            long before = compilerMillis(compiler);
            long start = System.nanoTime();
            if (minimum > 0) {
                load.run(minimum);
            }
            return new Report(minimum, share(compiler, before, start), false);
        }
        int seconds = 0;
        double share = 1;
        while (seconds < maximum && (seconds < minimum || share >= QUIET_SHARE)) {
            long before = compilerMillis(compiler);
            long start = System.nanoTime();
            load.run(ROUND_SECONDS);
            seconds += ROUND_SECONDS;
            share = share(compiler, before, start);
        }
        return new Report(seconds, share, share < QUIET_SHARE);
    }

    private static long compilerMillis(CompilationMXBean compiler) {
        return compiler == null || !compiler.isCompilationTimeMonitoringSupported()
                ? 0
                : compiler.getTotalCompilationTime();
    }

    private static double share(CompilationMXBean compiler, long compilerMillisBefore, long startNanos) {
        double elapsedMillis = (System.nanoTime() - startNanos) / 1e6;
        return elapsedMillis <= 0 ? 0 : (compilerMillis(compiler) - compilerMillisBefore) / elapsedMillis;
    }
}
