package dev.ledgerloop.eventstore.embedded;

import dev.ledgerloop.eventstore.embedded.store.StreamDatabaseSettings;
import java.nio.file.Path;

/**
 * Settings of an embedded node.
 *
 * @param dataDirectory where the event log lives
 * @param host address to listen on (loopback by default: the node has no authentication)
 * @param port TCP port, 0 for any free one
 * @param maxAppendSize largest total of event data plus metadata one append may carry
 * @param segmentSize size after which the log starts a new segment file
 */
public record NodeSettings(Path dataDirectory, String host, int port, long maxAppendSize, long segmentSize) {
    /** EventStoreDB's largest log record; the issue this node was built for asks for it as the default limit. */
    public static final long DEFAULT_MAX_APPEND_SIZE = 16L * 1024 * 1024;

    public static final int DEFAULT_PORT = 2113;

    public NodeSettings {
        if (maxAppendSize <= 0 || maxAppendSize > Integer.MAX_VALUE - 1024 * 1024) {
            throw new IllegalArgumentException("maxAppendSize must be between 1 byte and 2 GiB - 1 MiB");
        }
    }

    public static NodeSettings of(Path dataDirectory) {
        return new NodeSettings(
                dataDirectory,
                "127.0.0.1",
                DEFAULT_PORT,
                DEFAULT_MAX_APPEND_SIZE,
                StreamDatabaseSettings.DEFAULT_SEGMENT_SIZE);
    }

    public NodeSettings withDataDirectory(Path dataDirectory) {
        return new NodeSettings(dataDirectory, host, port, maxAppendSize, segmentSize);
    }

    public NodeSettings withPort(int port) {
        return new NodeSettings(dataDirectory, host, port, maxAppendSize, segmentSize);
    }

    public NodeSettings withHost(String host) {
        return new NodeSettings(dataDirectory, host, port, maxAppendSize, segmentSize);
    }

    public NodeSettings withMaxAppendSize(long maxAppendSize) {
        return new NodeSettings(dataDirectory, host, port, maxAppendSize, segmentSize);
    }

    public NodeSettings withSegmentSize(long segmentSize) {
        return new NodeSettings(dataDirectory, host, port, maxAppendSize, segmentSize);
    }
}
