package dev.ledgerloop.query.history;

import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import dev.ledgerloop.query.inprocess.InProcessMongo;
import dev.ledgerloop.query.inprocess.IndexedMemoryBackend;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Throw-away MongoDB databases for history folds (docs/replay.md §The scratch store): mongo-java-server's memory
 * backend, called in this process through the MongoDB driver's interfaces ({@link InProcessMongo}), so that the
 * projections and readers run their real code paths. One database per fold, dropped when it is closed; nothing
 * reaches the views' own database, and the fold's writes cost no disk, no socket and no hand-off to another thread. A
 * small pool of threads applies a fold's views side by side.
 */
@Component
class ScratchDatabases implements DisposableBean {
    /** One thread per view a history folds, shared by all folds (a fold's views run side by side). */
    private static final int FOLD_THREADS = SessionHistory.VIEWS.size();

    private final MemoryBackend backend = new IndexedMemoryBackend();
    private final InProcessMongo mongo = new InProcessMongo(backend);
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService foldThreads = Executors.newFixedThreadPool(FOLD_THREADS, work -> {
        Thread thread = new Thread(work, "history-fold-" + threads.getAndIncrement());
        thread.setDaemon(true);
        return thread;
    });

    /** A new, empty database; close it to drop it. */
    Scratch open() {
        String name = "history-" + UUID.randomUUID();
        return new Scratch(mongo.database(name), mongo, name);
    }

    /** The threads folds apply their views' events on. */
    Executor foldThreads() {
        return foldThreads;
    }

    /** A database that exists until it is closed. */
    record Scratch(MongoDatabase database, InProcessMongo mongo, String name) implements AutoCloseable {
        /** Copies of a collection's documents in the store's own form ({@link InProcessMongo#storedCopies}). */
        List<Document> storedCopies(String collection) {
            return mongo.storedCopies(name, collection);
        }

        /** Adds copies of documents taken by {@link #storedCopies} to a collection. */
        void addCopies(String collection, List<Document> documents) {
            mongo.addCopies(name, collection, documents);
        }

        @Override
        public void close() {
            database.drop();
        }
    }

    @Override
    public void destroy() {
        foldThreads.shutdownNow();
        backend.close();
    }
}
