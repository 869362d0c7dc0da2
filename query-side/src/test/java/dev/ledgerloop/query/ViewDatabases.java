package dev.ledgerloop.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.ledgerloop.query.inprocess.InProcessMongo;
import dev.ledgerloop.query.inprocess.IndexedMemoryBackend;
import java.net.InetSocketAddress;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Named;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MongoDBContainer;

/**
 * The MongoDB servers view tests run against (docs/architecture.md §Testing): mongo-java-server always, over the wire
 * and called in process with the look-ups of {@code IndexedMemoryBackend} (as history folds and rebuilds call it), and
 * a real MongoDB through Testcontainers where Docker answers; there the real one is skipped with a message saying so. Each
 * call gives a fresh database. Servers start once per JVM and stop with it.
 */
public final class ViewDatabases {
    private static MongoClient embedded;
    private static MongoClient real;
    private static InProcessMongo inProcess;

    private ViewDatabases() {}

    /** For {@code @MethodSource}: each argument supplies a fresh database on one server. */
    public static Stream<Named<Supplier<MongoDatabase>>> servers() {
        return Stream.of(
                Named.of("mongo-java-server", () -> fresh(embedded())),
                Named.of("mongo-java-server in process", () -> inProcess().database(freshName())),
                Named.of("MongoDB 7 (Testcontainers)", () -> fresh(real())));
    }

    private static synchronized MongoClient embedded() {
        if (embedded == null) {
            MongoServer server = new MongoServer(new MemoryBackend());
            InetSocketAddress address = server.bind();
            embedded = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        }
        return embedded;
    }

    private static synchronized MongoClient real() {
        Assumptions.assumeTrue(
                DockerClientFactory.instance().isDockerAvailable(),
                "No Docker engine is reachable on this machine: the view tests against a real MongoDB are skipped;"
                        + " the same tests ran against mongo-java-server.");
        if (real == null) {
            MongoDBContainer container = new MongoDBContainer("mongo:7");
            container.start();
            real = MongoClients.create(container.getConnectionString());
        }
        return real;
    }

    private static synchronized InProcessMongo inProcess() {
        if (inProcess == null) {
            inProcess = new InProcessMongo(new IndexedMemoryBackend());
        }
        return inProcess;
    }

    private static MongoDatabase fresh(MongoClient client) {
        return client.getDatabase(freshName());
    }

    private static String freshName() {
        return "views-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
