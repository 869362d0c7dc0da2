package dev.ledgerloop.platform.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.ledgerloop.platform.fixtures.FreezingRelay;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MongoConnectionsTest {
    private MongoServer server;
    private FreezingRelay relay;

    @BeforeEach
    void start() throws Exception {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        relay = new FreezingRelay(address);
    }

    @AfterEach
    void stop() {
        relay.close();
        server.shutdownNow();
    }

    @Test
    void a_call_to_a_server_that_stops_answering_fails_at_the_deadline_instead_of_waiting_for_good() {
        try (MongoClient client = MongoConnections.create("mongodb://" + relay.address(), Duration.ofSeconds(1))) {
            MongoCollection<Document> things = client.getDatabase("test").getCollection("things");
            things.insertOne(new Document("_id", 1));
            assertThat(things.countDocuments()).isOne();

            relay.freeze();

            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(
                            () -> things.find().first())
                    .isInstanceOfAny(MongoSocketReadTimeoutException.class, MongoTimeoutException.class));
        }
    }

    @Test
    void the_connection_strings_own_timeouts_win_over_the_deadline() {
        assertThat(readTimeoutMillis("mongodb://localhost:27017", Duration.ofSeconds(60)))
                .isEqualTo(60_000);
        assertThat(readTimeoutMillis("mongodb://localhost:27017/?socketTimeoutMS=5000", Duration.ofSeconds(60)))
                .isEqualTo(5_000);
        assertThat(MongoConnections.settings("mongodb://localhost:27017/?timeoutMS=7000", Duration.ofSeconds(60))
                        .getTimeout(TimeUnit.MILLISECONDS))
                .isEqualTo(7_000);
    }

    @Test
    void a_deadline_of_zero_or_a_malformed_string_is_refused() {
        assertThatThrownBy(() -> MongoConnections.settings("mongodb://localhost", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deadline");
        assertThatThrownBy(() -> MongoConnections.settings("localhost:27017", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int readTimeoutMillis(String connectionString, Duration deadline) {
        return MongoConnections.settings(connectionString, deadline)
                .getSocketSettings()
                .getReadTimeout(TimeUnit.MILLISECONDS);
    }
}
