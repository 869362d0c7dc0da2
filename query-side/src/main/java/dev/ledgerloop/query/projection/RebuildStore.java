package dev.ledgerloop.query.projection;

import com.mongodb.client.MongoDatabase;
import dev.ledgerloop.query.inprocess.InProcessMongo;
import dev.ledgerloop.query.inprocess.IndexedMemoryBackend;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a rebuild's fresh views are written (docs/replay.md §Rebuild): first into a database in this process's memory,
 * answered in the calling thread ({@link InProcessMongo}), so a view's write costs no round trip to the views' server
 * and no disk; then, before the switch-over, or as soon as they hold more documents than the budget, copied into their
 * copies in the views' database in batches, where the rest of the replay writes them one by one as before. The views
 * keep no state outside their collections, so new instances of the same handlers go on from the copied documents.
 */
final class RebuildStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RebuildStore.class);

    private static final String MEMORY_DATABASE = "rebuild";

    private final FreshCollections fresh;
    private final Function<MongoDatabase, ReplayHandlers> handlersOn;
    private final long memoryDocuments;
    private IndexedMemoryBackend backend;
    private InProcessMongo mongo;
    private MongoDatabase memory;
    private ReplayHandlers handlers;

    /**
     * @param memoryDocuments how many documents the views may hold in memory together; 0 writes them to their copies
     *     from the first event
     */
    RebuildStore(FreshCollections fresh, Function<MongoDatabase, ReplayHandlers> handlersOn, long memoryDocuments) {
        this.fresh = fresh;
        this.handlersOn = handlersOn;
        this.memoryDocuments = memoryDocuments;
        if (memoryDocuments > 0) {
            backend = new IndexedMemoryBackend();
            mongo = new InProcessMongo(backend);
            memory = mongo.database(MEMORY_DATABASE);
            handlers = handlersOn.apply(memory);
        } else {
            handlers = handlersOn.apply(fresh.asSeenByTheCopies());
        }
    }

    ReplayHandlers handlers() {
        return handlers;
    }

    /**
     * Whether the views in memory have outgrown the budget, and should move to their copies ({@link #moveToCopies})
     * once they are done with the chunks handed to them.
     */
    boolean overBudget() {
        if (memory != null && fresh.documentsIn(memory) > memoryDocuments) {
            log.info(
                    "The rebuilt views hold more than {} documents (ledgerloop.rebuild.memory-documents); the rebuild"
                            + " goes on in their copies in the views' database",
                    memoryDocuments);
            return true;
        }
        return false;
    }

    /** Copies what the views hold in memory into their copies; from now on the handlers write there. */
    void moveToCopies() {
        if (memory == null) {
            return;
        }
        long startedAt = System.nanoTime();
        long documents = fresh.documentsIn(memory);
        ReplayHandlers onCopies = handlersOn.apply(fresh.asSeenByTheCopies());
        fresh.copyFrom(mongo, MEMORY_DATABASE);
        handlers = onCopies;
        close();
        log.info(
                "Copied the {} documents of the rebuilt views into their copies in {} ms",
                documents,
                (System.nanoTime() - startedAt) / 1_000_000);
    }

    @Override
    public void close() {
        if (backend != null) {
            memory = null;
            mongo = null;
            backend.close();
            backend = null;
        }
    }
}
