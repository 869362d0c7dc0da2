package dev.ledgerloop.platform.runtime;

/**
 * The EventStoreDB client and the JDK's HTTP client run their continuations on the common fork-join pool. On a
 * machine with 2 CPUs or fewer that pool's parallelism is 1, and {@code CompletableFuture} then starts a brand-new
 * thread for every asynchronous task: measured here, three thread starts per API request and a send-message
 * latency several times higher. Every main method calls {@link #ensureParallelism()} first, before anything touches
 * the pool; an explicit {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism} is left alone.
 */
public final class CommonPool {
    public static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private CommonPool() {}

    public static void ensureParallelism() {
        if (System.getProperty(PARALLELISM) == null) {
            int parallelism = Math.max(2, Runtime.getRuntime().availableProcessors() - 1);
            System.setProperty(PARALLELISM, Integer.toString(parallelism));
        }
    }
}
