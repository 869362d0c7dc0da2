package dev.ledgerloop.standalone;

import dev.ledgerloop.eventstore.embedded.EmbeddedEventStoreNode;
import dev.ledgerloop.eventstore.embedded.NodeSettings;
import dev.ledgerloop.gateway.GatewayApplication;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole system in one JVM, the embedded default: the EventStoreDB-protocol node and a MongoDB-protocol server on
 * loopback with their data under one directory, the services on loopback ports of their own, and the gateway as the
 * only public port.
 */
public final class LedgerloopSystem implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LedgerloopSystem.class);

    private final EmbeddedEventStoreNode node;
    private final EmbeddedMongo mongo;
    private final List<ConfigurableApplicationContext> services;
    private final ConfigurableApplicationContext gateway;
    private final StandaloneSecrets secrets;

    private LedgerloopSystem(
            EmbeddedEventStoreNode node,
            EmbeddedMongo mongo,
            List<ConfigurableApplicationContext> services,
            ConfigurableApplicationContext gateway,
            StandaloneSecrets secrets) {
        this.node = node;
        this.mongo = mongo;
        this.services = services;
        this.gateway = gateway;
        this.secrets = secrets;
    }

    /** Starts everything; {@code gatewayPort} 0 picks a free port. Stops what it started if a part fails. */
    public static LedgerloopSystem start(Path dataDirectory, int gatewayPort) throws IOException {
        StandaloneSecrets secrets = StandaloneSecrets.loadOrCreate(dataDirectory);
        EmbeddedEventStoreNode node = null;
        EmbeddedMongo mongo = null;
        List<ConfigurableApplicationContext> services = new ArrayList<>();
        try {
            node = EmbeddedEventStoreNode.start(
                    NodeSettings.of(dataDirectory.resolve("eventstore")).withPort(0));
            mongo = EmbeddedMongo.start(dataDirectory.resolve("mongo").resolve("ledgerloop.mv"), "127.0.0.1", 0);
            Map<String, Object> backends = new LinkedHashMap<>();
            ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class)
                    .main(GatewayApplication.class)
                    .web(WebApplicationType.REACTIVE)
                    .properties(gatewayProperties(secrets, backends))
                    .run("--server.port=" + gatewayPort);
            return new LedgerloopSystem(node, mongo, services, gateway, secrets);
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

    private static Map<String, Object> gatewayProperties(StandaloneSecrets secrets, Map<String, Object> backends) {
        Map<String, Object> properties = new LinkedHashMap<>(backends);
        properties.put("ledgerloop.gateway.principal-secret", secrets.principalSecret());
        properties.put("ledgerloop.gateway.bootstrap-key-hash", secrets.bootstrapKeyHash());
        properties.put(
                "ledgerloop.gateway.bootstrap-space-id", secrets.spaceId().toString());
        properties.put(
                "ledgerloop.gateway.bootstrap-agent-id", secrets.agentId().toString());
        return properties;
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public int gatewayPort() {
        return port(gateway);
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
