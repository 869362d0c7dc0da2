package dev.ledgerloop.query.history;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.UUID;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Throw-away MongoDB databases for history folds (docs/replay.md §Point in time): an in-memory mongo-java-server in
 * this process, on loopback, reached through the same MongoDB driver as the live views, so that the projections and
 * readers run their real code paths. One database per fold, dropped when it is closed; nothing reaches the views'
 * own database, and the fold's writes cost no disk and no network hop to another host.
 */
@Component
class ScratchDatabases implements DisposableBean {
    private final MongoServer server;
    private final MongoClient client;

    ScratchDatabases() {
        this.server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        this.client = MongoClients.create(MongoClientSettings.builder()
                .applicationName("ledgerloop-history")
                .applyConnectionString(
                        new ConnectionString("mongodb://" + address.getHostString() + ":" + address.getPort()))
                .build());
    }

    /** A new, empty database; close it to drop it. */
    Scratch open() {
        return new Scratch(client.getDatabase("history-" + UUID.randomUUID()));
    }

    /** A database that exists until it is closed. */
    record Scratch(MongoDatabase database) implements AutoCloseable {
        @Override
        public void close() {
            database.drop();
        }
    }

    @Override
    public void destroy() {
        client.close();
        server.shutdownNow();
    }
}
