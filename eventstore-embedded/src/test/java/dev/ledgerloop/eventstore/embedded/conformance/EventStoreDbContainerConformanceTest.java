package dev.ledgerloop.eventstore.embedded.conformance;

import java.time.Duration;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The conformance suite against a real EventStoreDB in insecure single-node mode. Skipped, with a message saying
 * so, where no Docker engine is reachable.
 */
@ExtendWith(DockerAvailable.class)
class EventStoreDbContainerConformanceTest extends EventStoreConformanceSuite {
    static final String IMAGE = "eventstore/eventstore:24.10";
    private static final int GRPC_PORT = 2113;

    private GenericContainer<?> server;

    @Override
    protected void startServer() {
        server = new GenericContainer<>(IMAGE)
                .withExposedPorts(GRPC_PORT)
                .withEnv("EVENTSTORE_INSECURE", "true")
                .withEnv("EVENTSTORE_CLUSTER_SIZE", "1")
                .withEnv("EVENTSTORE_RUN_PROJECTIONS", "None")
                .withEnv("EVENTSTORE_MEM_DB", "true")
                .withEnv("EVENTSTORE_MAX_APPEND_SIZE", Long.toString(EmbeddedNodeConformanceTest.MAX_APPEND_SIZE))
                .waitingFor(Wait.forHttp("/health/live")
                        .forPort(GRPC_PORT)
                        .forStatusCode(204)
                        .withStartupTimeout(Duration.ofMinutes(2)));
        server.start();
    }

    @Override
    protected void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Override
    protected String connectionString() {
        return "esdb://" + host() + ":" + port() + "?tls=false";
    }

    @Override
    public String host() {
        return server.getHost();
    }

    @Override
    public int port() {
        return server.getMappedPort(GRPC_PORT);
    }

    @Override
    public long maxAppendSize() {
        return EmbeddedNodeConformanceTest.MAX_APPEND_SIZE;
    }
}
