package dev.ledgerloop.platform.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * MongoDB clients whose every call waits a bounded time (docs/concurrency.md, "The deadline rule"). The driver's own
 * default leaves the wait for a reply on an open connection without a bound, so a server that stops answering would
 * hold the calling thread for good; here a reply must come within the call deadline unless the connection string sets
 * its own {@code socketTimeoutMS} or {@code timeoutMS}. Finding a server (30 s) and a free connection (2 min) keep the
 * driver's bounds.
 */
public final class MongoConnections {
    private MongoConnections() {}

    /**
     * @throws IllegalArgumentException for a string that is no MongoDB connection string
     */
    public static MongoClient create(String connectionString, Duration callDeadline) {
        return MongoClients.create(settings(connectionString, callDeadline));
    }

    static MongoClientSettings settings(String connectionString, Duration callDeadline) {
        if (callDeadline.isNegative() || callDeadline.isZero()) {
            throw new IllegalArgumentException("A MongoDB call deadline must be positive, not " + callDeadline);
        }
        ConnectionString parsed = new ConnectionString(connectionString);
        MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(parsed);
        if (parsed.getSocketTimeout() == null && parsed.getTimeout() == null) {
            settings.applyToSocketSettings(
                    socket -> socket.readTimeout(callDeadline.toMillis(), TimeUnit.MILLISECONDS));
        }
        return settings.build();
    }
}
