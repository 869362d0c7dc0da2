package dev.ledgerloop.gateway.authentication.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Unknown keys are remembered for {@code unknown-cache-ttl}: counted as look-ups in the store (over the wire). */
class StoredApiKeyDirectoryTest {
    private static final ApiKeyDirectory NO_BOOTSTRAP_KEY = keyHash -> Mono.empty();

    private final AtomicInteger lookUps = new AtomicInteger();
    private MongoServer server;
    private MongoClient mongo;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        CommandListener countLookUps = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getCommandName().equals("find")
                        && event.getCommand().getString("find").getValue().equals(StoredApiKeyDirectory.COLLECTION)) {
                    lookUps.incrementAndGet();
                }
            }
        };
        mongo = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(
                        new ConnectionString("mongodb://" + address.getHostString() + ":" + address.getPort()))
                .addCommandListener(countLookUps)
                .build());
    }

    @AfterEach
    void stop() {
        mongo.close();
        server.shutdownNow();
    }

    @Test
    void an_unknown_key_repeated_within_its_ttl_is_looked_up_once() {
        StoredApiKeyDirectory directory = directory(Duration.ofMinutes(1));
        String keyHash = unknownKeyHash();

        assertThat(directory.findByHash(keyHash).blockOptional()).isEmpty();
        assertThat(directory.findByHash(keyHash).blockOptional()).isEmpty();
        assertThat(directory.findByHash(keyHash).blockOptional()).isEmpty();

        assertThat(lookUps).hasValue(1);
    }

    @Test
    void an_unknown_key_is_looked_up_again_after_its_ttl() {
        StoredApiKeyDirectory directory = directory(Duration.ofMillis(50));
        String keyHash = unknownKeyHash();
        assertThat(directory.findByHash(keyHash).blockOptional()).isEmpty();
        assertThat(lookUps).hasValue(1);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(directory.findByHash(keyHash).blockOptional()).isEmpty();
            assertThat(lookUps).hasValueGreaterThan(1);
        });
    }

    private StoredApiKeyDirectory directory(Duration unknownTtl) {
        return new StoredApiKeyDirectory(
                NO_BOOTSTRAP_KEY, mongo.getDatabase("ledgerloop"), Duration.ofMinutes(1), unknownTtl);
    }

    private static String unknownKeyHash() {
        return UUID.randomUUID().toString().replace("-", "").repeat(2);
    }
}
