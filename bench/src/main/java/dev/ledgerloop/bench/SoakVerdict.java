package dev.ledgerloop.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a {@code webhook-soak} run passed: no session create took over a second (a write takes milliseconds; the
 * stall of docs/concurrency.md took 60 s) and every delivery arrived.
 *
 * @param overOneSecond creates that took more than a second
 * @param maxMillis the slowest create
 * @param delivered deliveries the receiver got
 * @param expected one per create and endpoint
 */
record SoakVerdict(long overOneSecond, double maxMillis, long delivered, long expected) {
    /** Why the run failed, one reason a line; empty when it passed. */
    List<String> failures() {
        List<String> failures = new ArrayList<>();
        if (overOneSecond > 0) {
            failures.add(String.format("%d creates took over 1 s (the slowest %.1f ms)", overOneSecond, maxMillis));
        }
        if (delivered < expected) {
            failures.add(String.format("%d of %d deliveries are missing", expected - delivered, expected));
        }
        return failures;
    }
}
