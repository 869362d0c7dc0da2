package dev.ledgerloop.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.eventstore.dbclient.AppendToStreamOptions;
import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.ReadStreamOptions;
import com.eventstore.dbclient.StreamNotFoundException;
import dev.ledgerloop.eventstore.embedded.EmbeddedEventStoreNode;
import dev.ledgerloop.eventstore.embedded.NodeSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node that is down (nothing listens where it should) is unavailable to the caller, a 503 or a retry; and the same
 * client works again once the node is back, however long it was away.
 */
class UnreachableNodeTest {
    private static final Duration DEADLINE = Duration.ofSeconds(2);

    private Path dataDirectory;
    private int port;
    private EventStoreDBClient client;
    private EmbeddedEventStoreNode node;

    @BeforeEach
    void clientOfANodeThatIsDown() throws IOException {
        dataDirectory = Files.createTempDirectory("eventstore-unreachable-test-");
        try (ServerSocket closedAgain = new ServerSocket(0)) {
            port = closedAgain.getLocalPort();
        }
        client = EventStoreClients.create("esdb://localhost:" + port + "?tls=false");
    }

    @AfterEach
    void stop() throws Exception {
        try {
            client.shutdown().get(10, TimeUnit.SECONDS);
        } finally {
            if (node != null) {
                node.close();
            }
            try (Stream<Path> files = Files.walk(dataDirectory)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void calls_fail_as_unavailable_while_the_node_is_down_and_succeed_once_it_is_back() throws IOException {
        ClientCalls calls = new ClientCalls(client, DEADLINE);
        String stream = "back-" + UUID.randomUUID();

        // Longer than the client's own give-up (10 attempts, about two seconds) with the default settings.
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() ->
                            calls.readStream(stream, ReadStreamOptions.get().fromStart(), "reading " + stream))
                    .isInstanceOf(EventStoreUnavailableException.class);
        }

        node = EmbeddedEventStoreNode.start(NodeSettings.of(dataDirectory).withPort(port));
        await().atMost(Duration.ofSeconds(30))
                .ignoreException(EventStoreUnavailableException.class)
                .until(() -> {
                    try {
                        calls.readStream(stream, ReadStreamOptions.get().fromStart(), "reading " + stream);
                        return true;
                    } catch (StreamNotFoundException e) {
                        return true;
                    }
                });
        calls.append(
                stream,
                AppendToStreamOptions.get(),
                List.of(EventData.builderAsJson("Probed", "{}".getBytes()).build())
                        .iterator());

        assertThat(calls.readStream(stream, ReadStreamOptions.get().fromStart(), "reading " + stream)
                        .getEvents())
                .hasSize(1);
    }

    @Test
    void a_connection_string_that_sets_its_own_attempts_keeps_them() {
        assertThat(EventStoreClients.keepTrying("esdb://node:2113?tls=false&MaxDiscoverAttempts=3"))
                .isEqualTo("esdb://node:2113?tls=false&MaxDiscoverAttempts=3");
        assertThat(EventStoreClients.keepTrying("esdb://node:2113"))
                .isEqualTo("esdb://node:2113?" + EventStoreClients.KEEP_TRYING);
    }
}
