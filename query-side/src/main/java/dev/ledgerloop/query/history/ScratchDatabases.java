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
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Throw-away MongoDB databases for history folds (docs/replay.md §Point in time): an in-memory mongo-java-server in
 * this process, on loopback, reached through the same MongoDB driver as the live views, so that the projections and
 * readers run their real code paths. One database per fold, dropped when it is closed; nothing reaches the views'
 * own database, and the fold's writes cost no disk and no network hop to another host. A small pool of threads
 * applies a fold's views side by side.
 */
@Component
class ScratchDatabases implements DisposableBean {
    /** One thread per view a history folds, shared by all folds (a fold's views run side by side). */
    private static final int FOLD_THREADS = SessionHistory.VIEWS.size();

    private final MongoServer server;
    private final MongoClient client;
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService foldThreads = Executors.newFixedThreadPool(FOLD_THREADS, work -> {
        Thread thread = new Thread(work, "history-fold-" + threads.getAndIncrement());
        thread.setDaemon(true);
        return thread;
    });

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

    /** The threads folds apply their views' events on. */
    Executor foldThreads() {
        return foldThreads;
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
        foldThreads.shutdownNow();
        client.close();
        // Not shutdownNow: it logs a WARN for each connection the client closed and the server has not yet seen go.
        server.shutdown();
    }
}
