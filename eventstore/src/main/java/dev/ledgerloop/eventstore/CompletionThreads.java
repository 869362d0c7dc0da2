package dev.ledgerloop.eventstore;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The threads that complete the EventStoreDB client's calls: db-client-java 5.4 passes every answer through {@code
 * CompletableFuture.thenComposeAsync} without an executor, so the common fork-join pool must be free for any append
 * or read to finish. A common-pool thread that waits for a call, or for a lock whose holder waits for one, can stall
 * every write of the process (docs/concurrency.md). This check turns such a wait into an immediate error.
 */
public final class CompletionThreads {
    private CompletionThreads() {}

    /** True on a thread of the common fork-join pool. */
    public static boolean isCurrent() {
        return Thread.currentThread() instanceof ForkJoinWorkerThread worker
                && worker.getPool() == ForkJoinPool.commonPool();
    }

    /**
     * @param what the wait that was about to start, for the message
     * @throws IllegalStateException on a thread of the common fork-join pool
     */
    public static void refuseToWait(String what) {
        if (isCurrent()) {
            throw new IllegalStateException("Refusing to wait on a thread of the common fork-join pool, which completes"
                    + " EventStoreDB calls (docs/concurrency.md): " + what);
        }
    }
}
