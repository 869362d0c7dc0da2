package dev.ledgerloop.eventstore;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Threads for a test's concurrent work. Never the common fork-join pool: the EventStoreDB client completes its calls
 * there, and the engine refuses to wait on it (docs/concurrency.md).
 */
final class TestThreads {
    static final Executor WORKERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-worker");
        thread.setDaemon(true);
        return thread;
    });

    private TestThreads() {}
}
