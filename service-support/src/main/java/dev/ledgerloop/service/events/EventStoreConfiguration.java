package dev.ledgerloop.service.events;

import com.eventstore.dbclient.EventStoreDBClient;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.events.EventCodec;
import dev.ledgerloop.events.Upcasters;
import dev.ledgerloop.events.crypto.AtRestCipher;
import dev.ledgerloop.events.crypto.Keyring;
import dev.ledgerloop.events.crypto.MasterKey;
import dev.ledgerloop.events.crypto.MongoWrappedKeyStore;
import dev.ledgerloop.events.crypto.SessionSeals;
import dev.ledgerloop.eventstore.EventStoreClients;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.platform.mongo.MongoConnections;
import dev.ledgerloop.service.LedgerloopProperties;
import dev.ledgerloop.service.attachment.AttachmentStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The event log and what it needs: the EventStoreDB client, MongoDB (key store, tokens, views), the keyring and the
 * encrypting record codec, and the Axon storage engine on top. Axon's auto-configuration builds its event store on
 * the {@link EventStoreDbStorageEngine} bean and its processors on the {@link TokenStore} bean.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {
    /** The bean name processors' {@code source} property gives. */
    public static final String EVENT_LOG = "eventLog";

    @Bean(destroyMethod = "shutdown")
    EventStoreDBClient eventStoreDbClient(LedgerloopProperties properties) {
        return EventStoreClients.create(properties.eventstore().connectionString());
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(LedgerloopProperties properties) {
        return MongoConnections.create(
                properties.mongodb().uri(), properties.mongodb().callDeadline());
    }

    @Bean
    MongoDatabase mongoDatabase(MongoClient client, LedgerloopProperties properties) {
        return client.getDatabase(properties.mongodb().database());
    }

    @Bean
    Keyring keyring(MongoDatabase database, EventStoreDBClient client, LedgerloopProperties properties) {
        String masterKey = properties.crypto().masterKey();
        if (masterKey == null || masterKey.isBlank()) {
            throw new IllegalStateException("ledgerloop.crypto.master-key (LEDGERLOOP_CRYPTO_MASTER_KEY) is not set:"
                    + " give it the base64 of 32 random bytes, e.g. `openssl rand -base64 32`");
        }
        return new Keyring(
                MasterKey.fromBase64(masterKey),
                new MongoWrappedKeyStore(database),
                Clock.systemUTC(),
                properties.crypto().cachedDataKeys(),
                new LoggedShredRecords(client, properties.eventstore().callDeadline()));
    }

    @Bean
    SessionSeals sessionSeals(Keyring keyring) {
        return new SessionSeals(keyring);
    }

    @Bean
    AttachmentStore attachmentStore(MongoDatabase database, Keyring keyring) {
        return new AttachmentStore(database, keyring);
    }

    @Bean
    EncryptedEventRecordCodec encryptedEventRecordCodec(
            Keyring keyring, EventStoreDBClient client, LedgerloopProperties properties) {
        return EncryptedEventRecordCodec.create(
                new EventCodec(keyring, new AtRestCipher(), Upcasters.none()),
                client,
                properties.eventstore().callDeadline());
    }

    @Bean(destroyMethod = "close")
    EventStoreDbStorageEngine eventStorageEngine(
            EventStoreDBClient client,
            EncryptedEventRecordCodec codec,
            LedgerloopProperties properties,
            MeterRegistry meters) {
        return EventStoreDbStorageEngine.builder()
                .client(client)
                .codec(codec)
                .meters(meters)
                .callDeadline(properties.eventstore().callDeadline())
                .build();
    }

    /**
     * {@code $all} straight from the engine, whose streams wake processors when events are written; through Axon's
     * event store a pooled streaming processor polls every 500 ms. Processors configured by properties name it as
     * their source ({@code axon.eventhandling.processors.<name>.source: eventLog}); any other processor gets it as the
     * default source.
     */
    @Bean(EVENT_LOG)
    StreamableMessageSource<TrackedEventMessage<?>> eventLog(EventStoreDbStorageEngine engine) {
        return engine.allEventsSource();
    }

    /**
     * Processors handle what is waiting for them in batches, with one token write each, and start with fewer segments
     * where a deployment says so ({@link ProcessorDefaults}).
     */
    @Bean
    static ProcessorDefaults processorDefaults(Environment environment) {
        return new ProcessorDefaults(environment.getProperty(ProcessorDefaults.INITIAL_SEGMENTS, Integer.class));
    }

    @Bean
    ConfigurerModule processorsReadTheEventLog(
            @Qualifier(EVENT_LOG) StreamableMessageSource<TrackedEventMessage<?>> eventLog) {
        return configurer -> configurer.eventProcessing(
                processing -> processing.configureDefaultStreamableMessageSource(axon -> eventLog));
    }

    /** Carries the space and the actor from a command to the events it causes (see {@link EventContext}). */
    @Bean
    CorrelationDataProvider eventContextCorrelation() {
        return new SimpleCorrelationDataProvider(EventContext.SPACE_ID, EventContext.ACTOR_ID, EventContext.ACTOR_KIND);
    }

    /** Axon's own ids: which message caused an event and where the chain began (correlation and causation). */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /**
     * Processors claim their segments in MongoDB under this instance's node id. Axon's default, the JVM's {@code
     * pid@host}, is shared by every service in one JVM, so two instances of one service there (the embedded default
     * can start several query sides) would each take the other's claims for their own: each instance names itself.
     * Tokens are written at most once per {@code ledgerloop.processors.token-write-interval} and segment ({@link
     * CoalescingTokenStore}); {@code 0} writes each batch's token as it commits.
     */
    @Bean
    TokenStore tokenStore(
            MongoClient client,
            LedgerloopProperties properties,
            @Value("${spring.application.name:ledgerloop}") String applicationName,
            @Value("${ledgerloop.processors.token-write-interval:1s}") Duration writeInterval) {
        TokenStore mongo = mongoTokenStore(client, properties, applicationName);
        return writeInterval.isZero() ? mongo : new CoalescingTokenStore(mongo, writeInterval);
    }

    private static TokenStore mongoTokenStore(
            MongoClient client, LedgerloopProperties properties, String applicationName) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(client, properties.mongodb().database())
                        .build())
                .serializer(JacksonSerializer.defaultSerializer())
                .nodeId(ManagementFactory.getRuntimeMXBean().getName() + "/" + applicationName + "/"
                        + UUID.randomUUID().toString().substring(0, 8))
                .build();
    }
}
