package dev.ledgerloop.standalone;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import dev.ledgerloop.query.inprocess.EqualityIndex;
import dev.ledgerloop.query.inprocess.InProcessInserts;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB-protocol server for the embedded default: mongo-java-server with its H2 (MVStore) file backend, so
 * the read models survive a restart. The services reach it with the real MongoDB driver over the wire; only a rebuild's
 * copy of the views it built in memory goes to its insert command from this JVM ({@link #insertMany}).
 */
public final class EmbeddedMongo implements InProcessInserts, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

    /** Entries of a field index entered between two commits when a collection is filled ({@link #fill}). */
    private static final int FIELD_INDEX_BATCH = 10_000;

    private final EmbeddedBackend backend;
    private final MongoServer server;
    private final InetSocketAddress address;

    private EmbeddedMongo(EmbeddedBackend backend, MongoServer server, InetSocketAddress address) {
        this.backend = backend;
        this.server = server;
        this.address = address;
    }

    /**
     * Starts on {@code host:port} (port 0: any free one) with its data in a file of {@code directory}, moved once from
     * the file of an older version if there is one ({@link StoreFile}).
     */
    public static EmbeddedMongo start(Path directory, String host, int port) throws java.io.IOException {
        return start(directory, host, port, EmbeddedBackend.COMMIT_EVERY);
    }

    /** As {@link #start(Path, String, int)}, committing the store every {@code commitEvery} (tests). */
    static EmbeddedMongo start(Path directory, String host, int port, Duration commitEvery) throws java.io.IOException {
        return start(directory, host, port, commitEvery, null);
    }

    /**
     * As {@link #start(Path, String, int, Duration)}, keeping replaced chunks for {@code retention} before they may be
     * rewritten or reused (tests; {@link EmbeddedBackend#RETENTION} when null).
     */
    static EmbeddedMongo start(Path directory, String host, int port, Duration commitEvery, Duration retention)
            throws java.io.IOException {
        EmbeddedBackend backend =
                EmbeddedBackend.open(StoreFile.prepare(directory).toString(), commitEvery, retention);
        MongoServer server = new MongoServer(backend);
        server.bind(host, port);
        InetSocketAddress address = server.getLocalAddress();
        return new EmbeddedMongo(backend, server, address);
    }

    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    public int port() {
        return address.getPort();
    }

    /**
     * Runs the server's own insert command in this thread, under the same lock as a command from the wire, so a commit
     * sees all of a batch or none of it, and commits it (without a sync): a rebuild's copy inserts its batches as fast
     * as the server takes them, and a chunk per batch stays small ({@link EmbeddedBackend#COMMIT_AT_UNSAVED_BYTES}).
     */
    @Override
    public void insertMany(String database, String collection, List<Document> documents) {
        try {
            insertUncommitted(database, collection, documents);
        } finally {
            backend.commitAlone(false);
        }
    }

    /** The channel stands for the connection the server keeps a command's last result for, and is closed with it. */
    private void insertUncommitted(String database, String collection, List<Document> documents) {
        Document command = new Document("insert", collection);
        command.put("ordered", Boolean.TRUE);
        command.put("documents", documents);
        Channel channel = new EmbeddedChannel();
        Document answer;
        try {
            answer = backend.handleCommand(channel, database, "insert", command);
        } finally {
            backend.handleClose(channel);
            channel.close();
        }
        if (answer.get("writeErrors") instanceof List<?> errors && !errors.isEmpty()) {
            throw new IllegalStateException("The embedded MongoDB refused an insert into " + database + "." + collection
                    + ": " + ((Document) errors.get(0)).get("errmsg"));
        }
    }

    /**
     * Fills an empty collection as {@link InProcessInserts#fill} does, with its field indexes set aside while the
     * batches go in, and its documents sized for {@code collStats} by {@link BsonSizes} rather than by encoding each
     * one an extra time (the commit encodes it anyway): each field index then gets its entries in its own order,
     * {@value #FIELD_INDEX_BATCH} at a time under the commands' lock, each batch committed. Entered one document at a
     * time in the order of the ids, an index's entries land all over its pages, and every commit between batches
     * encoded most of them again: the field indexes were about 40 % of a rebuild's copy (docs/rebuild-benchmark.md).
     * Only a rebuild fills collections, its copies, which nothing else reads or writes until they are renamed; a crash
     * meanwhile leaves an index whose entries do not match the documents, which the next start builds afresh ({@link
     * EqualityLookupCollection#addIndex}).
     */
    @Override
    public void fill(String database, String collection, List<Document> documents) {
        EqualityLookupCollection target = backend.asCommand(() ->
                (EqualityLookupCollection) backend.resolveDatabase(database).resolveCollection(collection, true));
        EqualityLookupCollection.FieldIndexesAside indexes = target.startFilling();
        try {
            for (List<Document> batch : InProcessInserts.batches(documents, FILL_BATCH)) {
                insertUncommitted(database, collection, batch);
                int bytes = batch.stream().mapToInt(BsonSizes::of).sum();
                backend.asCommand(() -> target.addToDataSize(bytes));
                backend.commitAlone(false);
            }
            for (FieldIndex index : indexes.aside()) {
                for (List<Object[]> batch :
                        InProcessInserts.batches(index.sortedKeysOf(documents), FIELD_INDEX_BATCH)) {
                    backend.asCommand(() -> index.enterAll(batch));
                    backend.commitAlone(false);
                }
            }
        } finally {
            target.endFilling(indexes);
        }
    }

    /**
     * Stops listening and lets the server's threads end with their connections (within 5 s), then closes the store.
     * Not {@code shutdownNow}: it logs a WARN for every connection still open, which at a stop are those whose
     * client has closed them and the server has not yet seen go.
     */
    @Override
    public void close() {
        server.shutdown();
        backend.close();
    }

    /**
     * The H2 backend with two guarantees MongoDB gives and mongo-java-server's H2 backend does not.
     *
     * <p>Crash consistency: what a crash (the process killed) leaves in the file is a prefix of the commands, as
     * MongoDB's journal gives. The store commits once a second while no command runs, then compacts ({@link
     * StoreCompaction}) and syncs the file, so a power loss too leaves at most the last second out; it commits sooner,
     * without a sync, after each batch inserted from this process and after a burst of changes ({@link
     * EmbeddedBackend#COMMIT_AT_UNSAVED_BYTES}). The H2 store's own commits, timed or by memory, are off: they captured
     * one collection before and another after a pair of writes, so a processor's token could survive without the view
     * write made before it, and the replay after a restart started behind that write. A write whose write concern asks
     * for the journal ({@code j: true}, or {@code w: "majority"}, which implies it on MongoDB) is committed and fsynced
     * before it is acknowledged: the keyring's data keys are written so, and a lost key made its stream's events,
     * durable in the event log, unreadable.
     *
     * <p>Renames: mongo-java-server's H2 backend looks the collection's maps up under the new name after renaming the
     * collection, so it renames nothing and the renamed collection loses its documents on the next start, while a new
     * collection under the old name meets the old keys. Here the collection renames its maps itself, documents and
     * indexes ({@link EqualityLookupCollection#renameTo}), and a rename runs alone: every other command waits for it,
     * so readers see the old collection or the new one, as MongoDB guarantees for a rename within a database (a
     * rebuild's switch-over, docs/replay.md §Rebuild). Renaming a map is a change of its name in the file's catalogue;
     * dropping the target removes its maps, which visits each of their pages once: see {@link #COMMIT_AT_UNSAVED_BYTES}
     * for why that stays cheap.
     */
    private static final class EmbeddedBackend extends H2Backend {
        private static final String RENAME = "renameCollection";
        /** The commands whose answer is a cursor over documents of a collection. */
        private static final Set<String> QUERIES = Set.of("find", "aggregate");

        static final Duration COMMIT_EVERY = Duration.ofSeconds(1);
        /**
         * How long a replaced chunk is kept before compaction may rewrite it or a commit reuse its space. H2's default
         * (45 s) protects readers still walking an old version and file systems that have not yet written a commit;
         * here every read of the maps runs inside a command holding the shared lock (cursors keep decoded documents,
         * not positions in the file), commits and compaction hold it alone, and every commit is synced within the
         * second. A few seconds cover both; 45 s of writes and as many of freed chunks made the file several times
         * its data under load.
         */
        static final Duration RETENTION = Duration.ofSeconds(5);
        /**
         * Changes in memory past which the store commits before the second is up. A commit writes everything changed
         * since the last as one chunk, and H2 caches a chunk's table of contents only while it is under 64 KiB (some
         * 8,000 pages): a rebuild's copy wrote chunks of up to 50,000 pages, and removing such pages later (a rebuild
         * renaming its copy over them) read the whole table from the file again for every page: 6 to 10 s with
         * every command waiting (docs/rebuild-benchmark.md). The copy commits after each batch ({@link #insertMany});
         * this is the net for other bursts. It is set well above what the views change in a second under load: at 4
         * MiB the sends of the sessions benchmark made 2.5 commits a second instead of one, each holding every command.
         */
        static final int COMMIT_AT_UNSAVED_BYTES = 32 << 20;

        /** Commands hold it shared; a commit or a rename holds it alone, so it sees no command half done. */
        private final ReentrantReadWriteLock commands = new ReentrantReadWriteLock();

        private final ScheduledExecutorService committer;
        private final StoreCompaction compaction;
        private final AtomicBoolean earlyCommitAsked = new AtomicBoolean();

        private EmbeddedBackend(MVStore store, Duration commitEvery) {
            super(store);
            compaction = new StoreCompaction(store);
            committer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "embedded-mongo-commit");
                thread.setDaemon(true);
                return thread;
            });
            committer.scheduleWithFixedDelay(
                    this::commitQuietly, commitEvery.toMillis(), commitEvery.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** The H2 store without its own commits (neither timed nor by memory): only {@link #commitAlone} commits. */
        static EmbeddedBackend open(String file, Duration commitEvery, Duration retention) {
            MVStore store = new MVStore.Builder()
                    .fileName(file)
                    .autoCommitDisabled()
                    .autoCommitBufferSize(0)
                    .open();
            store.setRetentionTime((int) (retention == null ? RETENTION : retention).toMillis());
            return new EmbeddedBackend(store, commitEvery);
        }

        @Override
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            return new EmbeddedDatabase(databaseName);
        }

        /**
         * An H2 database whose collections look documents up by an equality in the filter ({@link
         * EqualityLookupCollection}), keep unique indexes with keys H2 compares value by value ({@link
         * UniqueKeyIndex}) and non-unique indexes by their first field ({@link FieldIndex}). An inner
         * class: H2Database's constructor opens the collections, before a field of its own could hold the store.
         */
        private final class EmbeddedDatabase extends H2Database {
            EmbeddedDatabase(String databaseName) {
                super(databaseName, getMvStore(), getCursorRegistry());
            }

            @Override
            protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
                String fullName = getFullCollectionNamespace(collectionName);
                return new EqualityLookupCollection(
                        this,
                        collectionName,
                        options,
                        getMvStore().openMap(StoreLayout.documents(fullName), StoreLayout.documentTypes()),
                        getMvStore().openMap(StoreLayout.meta(fullName)),
                        cursorRegistry);
            }

            @Override
            protected Index<Object> openOrCreateUniqueIndex(
                    String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
                return UniqueKeyIndex.open(
                        getMvStore(), getFullCollectionNamespace(collectionName), indexName, keys, sparse);
            }

            @Override
            protected void dropIndex(MongoCollection<Object> collection, String indexName) {
                super.dropIndex(collection, indexName);
                for (String map : List.of(
                        StoreLayout.uniqueKeys(collection.getFullName(), indexName),
                        StoreLayout.fieldIndex(collection.getFullName(), indexName))) {
                    if (getMvStore().hasMap(map)) {
                        getMvStore().removeMap(map);
                    }
                }
            }

            @Override
            protected Index<Object> openOrCreateSecondaryIndex(
                    String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
                if (!EqualityIndex.serves(keys)) {
                    return super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
                }
                return FieldIndex.open(
                        getMvStore(), getFullCollectionNamespace(collectionName), indexName, keys, sparse);
            }
        }

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            boolean rename = RENAME.equalsIgnoreCase(command);
            Lock lock = rename ? commands.writeLock() : commands.readLock();
            lock.lock();
            Document answer;
            try {
                answer = super.handleCommand(channel, database, command, query);
            } finally {
                lock.unlock();
            }
            if (QUERIES.contains(command)) {
                answer = ReplyBatches.bounded(answer, getCursorRegistry());
            }
            if (asksForTheJournal(query)) {
                commitAlone(true);
            } else if (getMvStore().getUnsavedMemory() >= COMMIT_AT_UNSAVED_BYTES) {
                commitEarly();
            }
            return answer;
        }

        /** Runs {@code work} as a command from the wire runs: while no commit or rename does. */
        private <T> T asCommand(Supplier<T> work) {
            commands.readLock().lock();
            try {
                return work.get();
            } finally {
                commands.readLock().unlock();
            }
        }

        private void asCommand(Runnable work) {
            asCommand(() -> {
                work.run();
                return null;
            });
        }

        /** Asks the committer for a commit now (one at a time), without waiting for it; the timed one syncs. */
        private void commitEarly() {
            if (earlyCommitAsked.compareAndSet(false, true)) {
                try {
                    committer.execute(() -> {
                        earlyCommitAsked.set(false);
                        quietly(() -> commitAlone(false));
                    });
                } catch (RejectedExecutionException stopping) {
                    earlyCommitAsked.set(false);
                }
            }
        }

        /**
         * Commits what every finished command wrote, and nothing of a command still running; then, if asked, makes it
         * durable. The sync runs after the lock is let go: commands do not write the file, only commits do, so the
         * others go on while the disk flushes (a sync took 10–130 ms under load, and every journaled write, one per
         * new stream's data key, held every MongoDB command for that long).
         */
        private void commitAlone(boolean sync) {
            commands.writeLock().lock();
            try {
                if (getMvStore().hasUnsavedChanges()) {
                    getMvStore().commit();
                }
            } finally {
                commands.writeLock().unlock();
            }
            if (sync) {
                getMvStore().sync();
            }
        }

        private void commitQuietly() {
            quietly(() -> {
                commitAlone(false);
                compactAlone();
                getMvStore().sync();
            });
        }

        private static void quietly(Runnable commit) {
            try {
                commit.run();
            } catch (RuntimeException e) {
                log.warn("Committing the embedded MongoDB store failed; the next commit tries again", e);
            }
        }

        /** Compaction moves pages, never changes what a map holds; alone all the same, like every commit. */
        private void compactAlone() {
            commands.writeLock().lock();
            try {
                compaction.afterCommit();
            } finally {
                commands.writeLock().unlock();
            }
        }

        @Override
        public void close() {
            // Not shutdownNow: interrupting a commit in the middle of a write closes H2's file channel, and then
            // neither that commit nor the last one below can write (acknowledged writes lost at a clean stop).
            committer.shutdown();
            try {
                committer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            commands.writeLock().lock();
            try {
                super.close();
            } finally {
                commands.writeLock().unlock();
            }
        }

        private static boolean asksForTheJournal(Document command) {
            return command.get("writeConcern") instanceof Document concern
                    && (Boolean.TRUE.equals(concern.get("j")) || "majority".equals(concern.get("w")));
        }
    }
}
