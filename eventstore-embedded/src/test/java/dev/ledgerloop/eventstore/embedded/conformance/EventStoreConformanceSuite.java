package dev.ledgerloop.eventstore.embedded.conformance;

import static dev.ledgerloop.eventstore.embedded.conformance.ClientCalls.TIMEOUT_SECONDS;

import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.EventStoreDBConnectionString;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What our code relies on from EventStoreDB, written against the official client only (and, for malformed
 * requests, the gRPC stubs that ship inside it). It runs against the embedded node always and against a real
 * EventStoreDB where Docker is available, so every behaviour asserted here is checked against the real server too.
 *
 * <p>It is composed of one part per capability (connecting, appends, stream reads, metadata, {@code $all} reads,
 * subscriptions, filters, deletes, tombstones, refused input), each an interface of default test methods, as
 * db-client-java's own {@code StreamsTests} composes {@code AppendTests}, {@code ReadStreamTests} and the others.
 *
 * <p>Where the behaviour had to be inferred rather than read in the client's own tests, the test says where it
 * comes from.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EventStoreConformanceSuite
        implements ConnectionTests,
                AppendTests,
                ReadStreamTests,
                StreamMetadataTests,
                ReadAllTests,
                StreamSubscriptionTests,
                AllSubscriptionTests,
                FilteredSubscriptionTests,
                DeleteTests,
                TombstoneTests,
                BadInputTests {
    private EventStoreDBClient client;

    /** Starts the server under test (once per class). */
    protected abstract void startServer() throws Exception;

    protected abstract void stopServer() throws Exception;

    /** {@code esdb://host:port?tls=false} of the server under test. */
    protected abstract String connectionString();

    @Override
    public EventStoreDBClient client() {
        return client;
    }

    @BeforeAll
    void startAndConnect() throws Exception {
        startServer();
        client = EventStoreDBClient.create(EventStoreDBConnectionString.parseOrThrow(connectionString()));
    }

    @AfterAll
    void disconnectAndStop() throws Exception {
        try {
            if (client != null) {
                client.shutdown().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            stopServer();
        }
    }
}
