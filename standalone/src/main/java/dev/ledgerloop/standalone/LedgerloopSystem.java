package dev.ledgerloop.standalone;

import de.bwaldvogel.mongo.bson.Document;
import dev.ledgerloop.command.CommandSideApplication;
import dev.ledgerloop.eventstore.embedded.EmbeddedEventStoreNode;
import dev.ledgerloop.eventstore.embedded.NodeSettings;
import dev.ledgerloop.gateway.GatewayApplication;
import dev.ledgerloop.query.QuerySideApplication;
import dev.ledgerloop.query.inprocess.InProcessInserts;
import dev.ledgerloop.query.live.StreamRequests;
import dev.ledgerloop.service.BackendApplication;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole system in one JVM, the embedded default: the EventStoreDB-protocol node and a MongoDB-protocol server on
 * loopback with their data under one directory, the services on loopback ports of their own, and the gateway as the
 * only public port.
 */
public final class LedgerloopSystem implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LedgerloopSystem.class);
    /**
     * Segments per processor of a new data directory: the embedded default runs one instance of each service (two
     * query sides at most, in tests), so Axon's 16 only multiplied the claim renewals and token writes on two cores.
     */
    private static final int PROCESSOR_SEGMENTS = 2;

    private final EmbeddedEventStoreNode node;
    private final EmbeddedMongo mongo;
    private final List<ConfigurableApplicationContext> services;
    private final ConfigurableApplicationContext gateway;
    private final StandaloneSecrets secrets;
    private final LocalTokenIssuer tokenIssuer;

    private LedgerloopSystem(
            EmbeddedEventStoreNode node,
            EmbeddedMongo mongo,
            List<ConfigurableApplicationContext> services,
            ConfigurableApplicationContext gateway,
            StandaloneSecrets secrets,
            LocalTokenIssuer tokenIssuer) {
        this.tokenIssuer = tokenIssuer;
        this.node = node;
        this.mongo = mongo;
        this.services = services;
        this.gateway = gateway;
        this.secrets = secrets;
    }

    /** Starts everything; {@code gatewayPort} 0 picks a free port. Stops what it started if a part fails. */
    public static LedgerloopSystem start(Path dataDirectory, int gatewayPort) throws IOException {
        return start(dataDirectory, gatewayPort, Map.of());
    }

    /**
     * Starts everything with extra backend settings ({@code --name=value}, e.g. a shorter webhook retry schedule for
     * tests), which beat the defaults.
     */
    public static LedgerloopSystem start(Path dataDirectory, int gatewayPort, String... backendOverrides)
            throws IOException {
        return start(dataDirectory, gatewayPort, Map.of(), backendOverrides);
    }

    /**
     * As {@link #start(Path, int)}, with gateway settings that beat the defaults (e.g.
     * {@code ledgerloop.gateway.rate-limit.capacity}) and extra backend settings.
     */
    public static LedgerloopSystem start(
            Path dataDirectory, int gatewayPort, Map<String, Object> gatewaySettings, String... backendOverrides)
            throws IOException {
        return start(dataDirectory, gatewayPort, gatewaySettings, 1, backendOverrides);
    }

    /**
     * As {@link #start(Path, int, Map, String...)}, with {@code querySides} query-side instances behind the gateway
     * (docs/services.md#several-query-side-instances): each has a loopback port of its own, all share the stores.
     */
    public static LedgerloopSystem start(
            Path dataDirectory,
            int gatewayPort,
            Map<String, Object> gatewaySettings,
            int querySides,
            String... backendOverrides)
            throws IOException {
        if (querySides < 1) {
            throw new IllegalArgumentException("At least one query side is needed, not " + querySides);
        }
        StandaloneSecrets secrets = StandaloneSecrets.loadOrCreate(dataDirectory);
        LocalTokenIssuer tokenIssuer = LocalTokenIssuer.loadOrCreate(dataDirectory);
        EmbeddedEventStoreNode node = null;
        EmbeddedMongo mongo = null;
        List<ConfigurableApplicationContext> services = new ArrayList<>();
        try {
            node = EmbeddedEventStoreNode.start(
                    NodeSettings.of(dataDirectory.resolve("eventstore")).withPort(0));
            mongo = EmbeddedMongo.start(dataDirectory.resolve("mongo"), "127.0.0.1", 0);
            List<String> settings = new ArrayList<>(List.of(backendArguments(secrets, node, mongo, gatewayPort)));
            settings.addAll(List.of(backendOverrides));
            String[] backendSettings = settings.toArray(String[]::new);
            ConfigurableApplicationContext commandSide = embedded(
                            CommandSideApplication.class, CommandSideApplication.NAME)
                    .run(backendSettings);
            services.add(commandSide);
            List<String> querySideUris = new ArrayList<>();
            for (int i = 0; i < querySides; i++) {
                ConfigurableApplicationContext querySide = embedded(
                                QuerySideApplication.class, QuerySideApplication.NAME)
                        .initializers(insertsInto(mongo))
                        .run(backendSettings);
                services.add(querySide);
                querySideUris.add(loopbackUri(querySide));
            }
            Map<String, Object> backends = new LinkedHashMap<>();
            backends.put("ledgerloop.gateway.command-side-uri", loopbackUri(commandSide));
            backends.put("ledgerloop.gateway.query-side-uri", String.join(",", querySideUris));
            backends.put(
                    "spring.autoconfigure.exclude",
                    AutoConfigurationExclusions.under(AutoConfigurationExclusions.NOT_FOR_THE_GATEWAY));
            ConfigurableApplicationContext gateway = new SpringApplicationBuilder(
                            GatewayApplication.class, GatewayOnNetty.class)
                    .main(GatewayApplication.class)
                    .web(WebApplicationType.REACTIVE)
                    .bannerMode(Banner.Mode.OFF)
                    .registerShutdownHook(false)
                    .properties(gatewayProperties(secrets, tokenIssuer, mongo.connectionString(), backends))
                    .initializers(context -> {
                        if (querySides == 1) {
                            // One query side in this JVM: the gateway writes its live streams itself.
                            context.getBeanFactory()
                                    .registerSingleton(
                                            "inProcessEventStreams",
                                            new InProcessStreams(services.get(1).getBean(StreamRequests.class)));
                        }
                    })
                    .run(gatewayArguments(gatewayPort, gatewaySettings));
            LedgerloopSystem system = new LedgerloopSystem(node, mongo, services, gateway, secrets, tokenIssuer);
            log.info(
                    "Ledgerloop started: gateway on port {}, command side {}, query side {}, event store {}, MongoDB {}",
                    system.gatewayPort(),
                    system.commandSideUri(),
                    system.querySideUri(),
                    system.eventStoreConnectionString(),
                    system.mongoConnectionString());
            return system;
        } catch (RuntimeException | IOException e) {
            services.forEach(ConfigurableApplicationContext::close);
            if (mongo != null) {
                mongo.close();
            }
            if (node != null) {
                node.close();
            }
            throw e;
        }
    }

    /** The stores and the query side alone, on loopback: for maintenance of the views with the system stopped. */
    public record QuerySideOnly(
            EmbeddedEventStoreNode node, EmbeddedMongo mongo, ConfigurableApplicationContext context)
            implements AutoCloseable {
        @Override
        public void close() {
            context.close();
            mongo.close();
            node.close();
        }
    }

    /**
     * Starts the embedded node, MongoDB and the query side on the data directory, without the command side (nothing
     * is sent, no deadline expires) and without the gateway (no public port).
     */
    public static QuerySideOnly startQuerySideOnly(Path dataDirectory) throws IOException {
        StandaloneSecrets secrets = StandaloneSecrets.loadOrCreate(dataDirectory);
        EmbeddedEventStoreNode node = null;
        EmbeddedMongo mongo = null;
        try {
            node = EmbeddedEventStoreNode.start(
                    NodeSettings.of(dataDirectory.resolve("eventstore")).withPort(0));
            mongo = EmbeddedMongo.start(dataDirectory.resolve("mongo"), "127.0.0.1", 0);
            ConfigurableApplicationContext querySide = embedded(QuerySideApplication.class, QuerySideApplication.NAME)
                    .initializers(insertsInto(mongo))
                    .run(backendArguments(secrets, node, mongo, 0));
            return new QuerySideOnly(node, mongo, querySide);
        } catch (RuntimeException | IOException e) {
            if (mongo != null) {
                mongo.close();
            }
            if (node != null) {
                node.close();
            }
            throw e;
        }
    }

    /**
     * The backends' settings as command-line arguments, which beat their settings files (those name the ports of a
     * deployment of their own); they listen on free loopback ports, reachable only from this machine.
     */
    private static String[] backendArguments(
            StandaloneSecrets secrets, EmbeddedEventStoreNode node, EmbeddedMongo mongo, int gatewayPort) {
        List<String> arguments = new ArrayList<>();
        arguments.add("--server.port=0");
        arguments.add("--server.address=127.0.0.1");
        arguments.add("--ledgerloop.eventstore.connection-string=" + node.connectionString());
        arguments.add("--ledgerloop.mongodb.uri=" + mongo.connectionString());
        arguments.add("--ledgerloop.crypto.master-key=" + secrets.masterKey());
        arguments.add("--ledgerloop.principal.secret=" + secrets.principalSecret());
        arguments.add("--ledgerloop.log.signing-key=" + secrets.logSigningKey());
        arguments.add("--ledgerloop.metrics.token-sha256=" + secrets.metricsTokenHash());
        if (gatewayPort > 0) {
            arguments.add("--ledgerloop.public-url=http://localhost:" + gatewayPort);
        }
        // Webhook targets on this machine (a receiver next to the embedded default) are allowed explicitly.
        arguments.add("--ledgerloop.webhooks.allowed-hosts=127.0.0.1");
        arguments.add("--ledgerloop.processors.initial-segments=" + PROCESSOR_SEGMENTS);
        arguments.add("--spring.autoconfigure.exclude="
                + AutoConfigurationExclusions.under(AutoConfigurationExclusions.NOT_FOR_A_BACKEND));
        return arguments.toArray(String[]::new);
    }

    private static String[] gatewayArguments(int port, Map<String, Object> settings) {
        List<String> arguments = new ArrayList<>();
        arguments.add("--server.port=" + port);
        settings.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return arguments.toArray(String[]::new);
    }

    private static String loopbackUri(ConfigurableApplicationContext service) {
        return "http://127.0.0.1:" + port(service);
    }

    private static Map<String, Object> gatewayProperties(
            StandaloneSecrets secrets, LocalTokenIssuer tokenIssuer, String mongoUri, Map<String, Object> backends) {
        Map<String, Object> properties = new LinkedHashMap<>(backends);
        properties.put("ledgerloop.gateway.jwt.issuer", LocalTokenIssuer.ISSUER);
        properties.put("ledgerloop.gateway.mongodb.uri", mongoUri);
        properties.put("ledgerloop.gateway.api-keys.provisioning-key-hash", secrets.provisioningKeyHash());
        properties.put("ledgerloop.gateway.jwt.public-key", tokenIssuer.publicKeyJson());
        properties.put("ledgerloop.gateway.principal-secret", secrets.principalSecret());
        properties.put("ledgerloop.metrics.token-sha256", secrets.metricsTokenHash());
        properties.put("ledgerloop.gateway.bootstrap-key-hash", secrets.bootstrapKeyHash());
        properties.put(
                "ledgerloop.gateway.bootstrap-space-id", secrets.spaceId().toString());
        properties.put(
                "ledgerloop.gateway.bootstrap-agent-id", secrets.agentId().toString());
        // A stop waits this long for requests in flight; a live stream never ends by itself, so without a bound of
        // our own one open stream held every stop for Spring's default of 30 s.
        properties.put("spring.lifecycle.timeout-per-shutdown-phase", "3s");
        return properties;
    }

    /**
     * A query side whose views are in the embedded MongoDB of this JVM inserts a rebuild's copies from here, without
     * the wire; one pointed elsewhere by a setting goes through the driver.
     */
    private static ApplicationContextInitializer<ConfigurableApplicationContext> insertsInto(EmbeddedMongo mongo) {
        return context -> {
            if (mongo.connectionString().equals(context.getEnvironment().getProperty("ledgerloop.mongodb.uri"))) {
                // Its inserts, not the server itself: the query side's context must not be able to close it.
                InProcessInserts inserts = new InProcessInserts() {
                    @Override
                    public void insertMany(String database, String collection, List<Document> documents) {
                        mongo.insertMany(database, collection, documents);
                    }

                    @Override
                    public void fill(String database, String collection, List<Document> documents) {
                        mongo.fill(database, collection, documents);
                    }
                };
                context.getBeanFactory().registerSingleton("inProcessInserts", inserts);
            }
        };
    }

    /**
     * A backend as this JVM runs it: no banner, and no shutdown hook of Spring's own, which would close the context on
     * a thread of its own beside the system's hook (docs/architecture.md §Deployment modes).
     */
    private static SpringApplicationBuilder embedded(Class<?> application, String name) {
        return BackendApplication.builder(application, name)
                .bannerMode(Banner.Mode.OFF)
                .registerShutdownHook(false);
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public int gatewayPort() {
        return port(gateway);
    }

    /** The command side's own loopback address, which answers only requests the gateway signed. */
    public String commandSideUri() {
        return loopbackUri(services.get(0));
    }

    /** The (first) query side's own loopback address, which answers only requests the gateway signed. */
    public String querySideUri() {
        return loopbackUri(services.get(1));
    }

    /**
     * The command side's and the query sides' application contexts (in that order), for tests that inspect what they
     * serve.
     */
    public List<ApplicationContext> backendContexts() {
        return List.copyOf(services);
    }

    public String eventStoreConnectionString() {
        return node.connectionString();
    }

    public String mongoConnectionString() {
        return mongo.connectionString();
    }

    public StandaloneSecrets secrets() {
        return secrets;
    }

    /** A human's Bearer token for {@code userId} in the embedded space, signed by the local issuer. */
    public String mintHumanToken(String userId) {
        return mintHumanToken(userId, secrets.spaceId());
    }

    /** A human's Bearer token for {@code userId} in any space ({@code space} claim), signed by the local issuer. */
    public String mintHumanToken(String userId, UUID spaceId) {
        return tokenIssuer.mint(userId, spaceId, LocalTokenIssuer.DEFAULT_LIFETIME);
    }

    @Override
    public void close() {
        gateway.close();
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        mongo.close();
        node.close();
        log.info("Ledgerloop stopped");
    }
}
