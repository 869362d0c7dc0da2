package dev.ledgerloop.bench.peer;

import com.eventstore.dbclient.EventStoreDBClient;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.ledgerloop.events.EventCodec;
import dev.ledgerloop.events.Upcasters;
import dev.ledgerloop.events.crypto.AtRestCipher;
import dev.ledgerloop.events.crypto.Keyring;
import dev.ledgerloop.events.crypto.MasterKey;
import dev.ledgerloop.events.crypto.MongoWrappedKeyStore;
import dev.ledgerloop.eventstore.EventStoreClients;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.eventstore.JsonEventRecordCodec;
import dev.ledgerloop.eventstore.embedded.EmbeddedEventStoreNode;
import dev.ledgerloop.eventstore.embedded.NodeSettings;
import dev.ledgerloop.service.events.AggregateRepositories;
import dev.ledgerloop.service.events.CoalescingTokenStore;
import dev.ledgerloop.service.events.EncryptedEventRecordCodec;
import dev.ledgerloop.standalone.EmbeddedMongo;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Ours, wired as the services wire it (service-support's {@code EventStoreConfiguration}): the {@link
 * EventStoreDbStorageEngine} with the product's encrypting, hash-chaining {@link EncryptedEventRecordCodec} (a keyring
 * of 10,000 cached data keys whose wrapped keys are kept in MongoDB), the default call deadline, through
 * db-client-java (created by {@link EventStoreClients}, as the services create it) to an {@link
 * EmbeddedEventStoreNode} in this JVM; the aggregate repository of {@link AggregateRepositories}; the processor
 * reading {@code $all} from the engine ({@code allEventsSource}); Axon's {@link MongoTokenStore} behind the services'
 * {@link CoalescingTokenStore} (each segment's token written at most once a second). MongoDB is the embedded
 * default's: mongo-java-server with its H2 file backend ({@link EmbeddedMongo}). Unlike the services, the keyring does
 * not consult the log for shredded streams on a key-cache miss (every key is cached after a session's first command).
 */
final class EventStoreDbOurs implements EngineUnderTest {
    private static final int CACHED_DATA_KEYS = 10_000;
    private static final String DATABASE = "ledgerloop";
    /** The services' default {@code ledgerloop.processors.token-write-interval}. */
    private static final Duration PRODUCT_TOKEN_WRITE_INTERVAL = Duration.ofSeconds(1);

    private final EmbeddedEventStoreNode node;
    private final EventStoreDBClient client;
    private final EmbeddedMongo mongo;
    private final MongoClient mongoClient;
    private final EventStoreDbStorageEngine engine;
    private final Configuration axon;
    private final Path directory;
    private final TokenStore tokens;
    private final boolean productCodec;

    private EventStoreDbOurs(
            EmbeddedEventStoreNode node,
            EventStoreDBClient client,
            EmbeddedMongo mongo,
            MongoClient mongoClient,
            EventStoreDbStorageEngine engine,
            Configuration axon,
            Path directory,
            TokenStore tokens,
            boolean productCodec) {
        this.tokens = tokens;
        this.productCodec = productCodec;
        this.node = node;
        this.client = client;
        this.mongo = mongo;
        this.mongoClient = mongoClient;
        this.engine = engine;
        this.axon = axon;
        this.directory = directory;
    }

    static EventStoreDbOurs start(
            Path directory,
            JacksonSerializer serializer,
            boolean productCodec,
            boolean stockTokens,
            MessageCounter counter)
            throws Exception {
        EmbeddedEventStoreNode node = EmbeddedEventStoreNode.start(
                NodeSettings.of(directory.resolve("eventstore")).withPort(0));
        EventStoreDBClient client = EventStoreClients.create(node.connectionString());
        EmbeddedMongo mongo = EmbeddedMongo.start(directory.resolve("mongo"), "127.0.0.1", 0);
        MongoClient mongoClient = MongoClients.create(mongo.connectionString());
        Keyring keyring = new Keyring(
                MasterKey.fromBase64(randomKey()),
                new MongoWrappedKeyStore(mongoClient.getDatabase(DATABASE)),
                Clock.systemUTC(),
                CACHED_DATA_KEYS);
        EventStoreDbStorageEngine engine = EventStoreDbStorageEngine.builder()
                .client(client)
                .codec(
                        productCodec
                                ? EncryptedEventRecordCodec.create(
                                        new EventCodec(keyring, new AtRestCipher(), Upcasters.none()),
                                        client,
                                        EventStoreDbStorageEngine.DEFAULT_CALL_DEADLINE)
                                : new JsonEventRecordCodec(serializer))
                .callDeadline(EventStoreDbStorageEngine.DEFAULT_CALL_DEADLINE)
                .build();
        TokenStore tokenStore = !stockTokens
                ? new InMemoryTokenStore()
                : new CoalescingTokenStore(
                        MongoTokenStore.builder()
                                .mongoTemplate(DefaultMongoTemplate.builder()
                                        .mongoDatabase(mongoClient, DATABASE)
                                        .build())
                                .serializer(JacksonSerializer.defaultSerializer())
                                .nodeId("peer-bench")
                                .build(),
                        PRODUCT_TOKEN_WRITE_INTERVAL);
        Configuration axon = BenchAxon.start(
                serializer,
                c -> engine,
                c -> AggregateRepositories.eventSourced(
                        BenchSession.class, "Session", c.eventStore(), engine, AggregateRepositories.cache()),
                c -> engine.allEventsSource(),
                tokenStore,
                counter);
        return new EventStoreDbOurs(
                node, client, mongo, mongoClient, engine, axon, directory, tokenStore, productCodec);
    }

    @Override
    public String name() {
        return "ours";
    }

    @Override
    public String description() {
        return "EventStoreDbStorageEngine + "
                + (productCodec
                        ? "EncryptedEventRecordCodec (AES-GCM, hash chain)"
                        : "JsonEventRecordCodec (clear JSON, Jackson serializer)")
                + " + "
                + (tokens instanceof CoalescingTokenStore
                        ? "CoalescingTokenStore over MongoTokenStore (each segment's token written at most once a second)"
                        : tokens.getClass().getSimpleName())
                + ","
                + " embedded node and embedded MongoDB in this JVM, data in " + directory;
    }

    @Override
    public Configuration axon() {
        return axon;
    }

    @Override
    public long externalCpuNanos() {
        return 0;
    }

    @Override
    public void close() throws Exception {
        try {
            axon.shutdown();
            if (tokens instanceof AutoCloseable closeable) {
                closeable.close();
            }
            engine.close();
            client.shutdown().get(10, TimeUnit.SECONDS);
        } finally {
            mongoClient.close();
            mongo.close();
            node.close();
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
