package dev.ledgerloop.gateway.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.gateway.config.InvalidConfigurationException;
import dev.ledgerloop.platform.mongo.MongoConnections;
import java.util.Optional;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The gateway's MongoDB connection, if one is configured. The sync driver: callers run its calls on Reactor's
 * boundedElastic scheduler, never on an event loop.
 */
@Component
@EnableConfigurationProperties(MongoProperties.class)
public class GatewayDatabase implements DisposableBean {
    private final MongoClient client;
    private final MongoDatabase database;

    GatewayDatabase(MongoProperties properties) {
        if (properties.uri() == null || properties.uri().isBlank()) {
            this.client = null;
            this.database = null;
            return;
        }
        if (properties.callDeadline().isNegative() || properties.callDeadline().isZero()) {
            throw new InvalidConfigurationException(
                    "ledgerloop.gateway.mongodb.call-deadline", "must be positive", "e.g. 60s");
        }
        try {
            this.client = MongoConnections.create(properties.uri().strip(), properties.callDeadline());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(
                    "ledgerloop.gateway.mongodb.uri",
                    "is not a MongoDB connection string",
                    "Use the query side's one, e.g. mongodb://localhost:27017");
        }
        this.database = client.getDatabase(properties.database());
    }

    public Optional<MongoDatabase> database() {
        return Optional.ofNullable(database);
    }

    @Override
    public void destroy() {
        if (client != null) {
            client.close();
        }
    }
}
