package dev.ledgerloop.query.projection;

import java.time.Instant;
import java.util.List;

/**
 * Where a rebuild is (docs/replay.md §Rebuild). {@code eventsTotal} is estimated from the log's byte positions while
 * the replay runs and exact once it is done; {@code etaSeconds} follows from it and the rate so far.
 */
public record RebuildProgress(
        String target,
        List<String> views,
        String status,
        long eventsDone,
        long eventsTotal,
        long eventsPerSecond,
        Long etaSeconds,
        Instant startedAt,
        Instant finishedAt,
        String error) {
    public static final String RUNNING = "running";
    public static final String SWITCHING = "switching";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    public boolean finished() {
        return SUCCEEDED.equals(status) || FAILED.equals(status);
    }
}
