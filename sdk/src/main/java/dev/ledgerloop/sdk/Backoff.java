package dev.ledgerloop.sdk;

import java.time.Duration;

/** Pauses between attempts that failed for a transient reason: 250 ms, doubling to at most 5 s. */
final class Backoff {
    private static final Duration FIRST = Duration.ofMillis(250);
    private static final Duration MAX = Duration.ofSeconds(5);

    private Duration next = FIRST;

    /** After a success: the next failure waits the shortest pause again. */
    void reset() {
        next = FIRST;
    }

    /** The pause to take now; the one after it is twice as long, up to the maximum. */
    Duration next() {
        Duration now = next;
        next = next.multipliedBy(2).compareTo(MAX) > 0 ? MAX : next.multipliedBy(2);
        return now;
    }
}
