package dev.ledgerloop.query.projection;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/** Runs tasks side by side on a pool and waits for all; the first failure is thrown once every task has stopped. */
final class SideBySide {
    private SideBySide() {}

    static void runAll(List<Runnable> tasks, Executor pool) {
        CompletableFuture<?>[] running = tasks.stream()
                .map(task -> CompletableFuture.runAsync(task, pool))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(running).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
