package dev.ledgerloop.eventstore.embedded.conformance;

import dev.ledgerloop.eventstore.embedded.EmbeddedEventStoreNode;
import dev.ledgerloop.eventstore.embedded.NodeSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The conformance suite against our embedded node, on a fresh data directory. */
class EmbeddedNodeConformanceTest extends EventStoreConformanceSuite {
    /** EventStoreDB's default {@code MaxAppendSize}, so both servers refuse the same oversized append. */
    static final long MAX_APPEND_SIZE = 1024 * 1024;

    @TempDir
    static Path dataDirectory;

    private EmbeddedEventStoreNode node;

    @Override
    protected void startServer() {
        node = EmbeddedEventStoreNode.start(
                NodeSettings.of(dataDirectory).withPort(0).withMaxAppendSize(MAX_APPEND_SIZE));
    }

    @Override
    protected void stopServer() {
        if (node != null) {
            node.close();
        }
    }

    @Override
    protected String connectionString() {
        return node.connectionString();
    }

    @Override
    public String host() {
        return "localhost";
    }

    @Override
    public int port() {
        return node.port();
    }

    @Override
    public long maxAppendSize() {
        return MAX_APPEND_SIZE;
    }
}
