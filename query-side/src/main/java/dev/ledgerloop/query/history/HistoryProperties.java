package dev.ledgerloop.query.history;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Fold checkpoints of session histories ({@code ledgerloop.history.*}, query side; docs/replay.md §Fold checkpoints).
 *
 * @param checkpointEvery a fold keeps its scratch database's documents after every this many revisions, so that a
 *     later fold of the session resumes from the nearest one before its cutoff instead of from the first event
 * @param checkpointMemory the estimated memory all kept checkpoints may take together; the least recently used go
 *     first
 */
@ConfigurationProperties("ledgerloop.history")
record HistoryProperties(
        @DefaultValue("25") int checkpointEvery,
        @DefaultValue("64MB") DataSize checkpointMemory) {

    HistoryProperties {
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("ledgerloop.history.checkpoint-every must be at least 1");
        }
    }
}
