package dev.ledgerloop.eventstore;

import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.EventStoreDBConnectionString;
import dev.ledgerloop.eventstore.embedded.EmbeddedEventStoreNode;
import dev.ledgerloop.eventstore.embedded.NodeSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** An embedded EventStoreDB-protocol node and a client to it, for the tests of one class. */
final class EventStoreNode implements BeforeAllCallback, AfterAllCallback {
    private Path dataDirectory;
    private EmbeddedEventStoreNode node;
    private EventStoreDBClient client;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDirectory = Files.createTempDirectory("eventstore-test-");
        node = EmbeddedEventStoreNode.start(NodeSettings.of(dataDirectory).withPort(0));
        client = newClient();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            client.shutdown().get(10, TimeUnit.SECONDS);
        } finally {
            node.close();
            try (Stream<Path> files = Files.walk(dataDirectory)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    EventStoreDBClient client() {
        return client;
    }

    /** Another connection, as a second application instance would have; the caller shuts it down. */
    EventStoreDBClient newClient() {
        return EventStoreDBClient.create(EventStoreDBConnectionString.parseOrThrow(node.connectionString()));
    }
}
