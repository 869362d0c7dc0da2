package dev.ledgerloop.eventstore.embedded.store;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Settings of the file-backed store.
 *
 * @param dataDirectory where the segment files live
 * @param segmentSize bytes after which a new segment file is started
 * @param clock source of the events' created timestamps
 */
public record StreamDatabaseSettings(Path dataDirectory, long segmentSize, Clock clock) {
    public static final long DEFAULT_SEGMENT_SIZE = 256L * 1024 * 1024;

    public StreamDatabaseSettings {
        if (segmentSize < 4096) {
            throw new IllegalArgumentException("segmentSize must be at least 4096 bytes");
        }
    }

    public static StreamDatabaseSettings of(Path dataDirectory) {
        return new StreamDatabaseSettings(dataDirectory, DEFAULT_SEGMENT_SIZE, Clock.systemUTC());
    }
}
