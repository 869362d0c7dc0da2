package dev.ledgerloop.standalone;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerException;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A MongoDB-protocol server for the embedded default: mongo-java-server with its H2 (MVStore) file backend, so
 * the read models survive a restart. The services reach it with the real MongoDB driver over the wire.
 */
public final class EmbeddedMongo implements AutoCloseable {
    private final H2Backend backend;
    private final MongoServer server;
    private final InetSocketAddress address;

    private EmbeddedMongo(H2Backend backend, MongoServer server, InetSocketAddress address) {
        this.backend = backend;
        this.server = server;
        this.address = address;
    }

    /** Starts on {@code host:port} (port 0: any free one) with its data in {@code file}. */
    public static EmbeddedMongo start(Path file, String host, int port) throws java.io.IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        H2Backend backend = new EmbeddedBackend(file.toString());
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

    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
    }

    /**
     * The H2 backend with two guarantees MongoDB gives and mongo-java-server's H2 backend does not.
     *
     * <p>Journaled writes: a write whose write concern asks for the journal ({@code j: true}, or {@code w:
     * "majority"}, which implies it on MongoDB) is committed to the file and fsynced before it is acknowledged. By
     * itself the H2 store commits about once a second, so a crash (the process killed) lost the last second of
     * acknowledged writes. For the views that is harmless (they and the processors' tokens roll back together and
     * replay), but the keyring's data keys are written so: a lost key made its stream's events, already durable in
     * the event log, unreadable for good.
     *
     * <p>Renames: mongo-java-server's H2 backend renames a collection's data but not its
     * indexes' storage, so the renamed collection loses its documents on the next start and a new collection under
     * the old name meets the old keys. Here a rename copies the source's indexes and documents into the target and
     * drops the source, and runs alone: every other command waits for it, so readers see the old collection or the
     * new one, as MongoDB guarantees for a rename within a database (a rebuild's switch-over, docs/replay.md
     * §Rebuild). The cost is a pause of the whole server while the copy runs.
     */
    private static final class EmbeddedBackend extends H2Backend {
        private static final String RENAME = "renameCollection";

        private final ReentrantReadWriteLock renames = new ReentrantReadWriteLock();

        EmbeddedBackend(String file) {
            super(file);
        }

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            boolean rename = RENAME.equalsIgnoreCase(command);
            Lock lock = rename ? renames.writeLock() : renames.readLock();
            lock.lock();
            Document answer;
            try {
                answer = rename ? renameByCopy(channel, query) : super.handleCommand(channel, database, command, query);
            } finally {
                lock.unlock();
            }
            if (asksForTheJournal(query)) {
                commit();
                getMvStore().sync();
            }
            return answer;
        }

        private static boolean asksForTheJournal(Document command) {
            return command.get("writeConcern") instanceof Document concern
                    && (Boolean.TRUE.equals(concern.get("j")) || "majority".equals(concern.get("w")));
        }

        private Document renameByCopy(Channel channel, Document query) {
            String from = query.get(RENAME).toString();
            String to = query.get("to").toString();
            String database = from.substring(0, from.indexOf('.'));
            if (!to.startsWith(database + ".")) {
                throw new MongoServerException("Renaming into another database is not supported here");
            }
            String source = from.substring(database.length() + 1);
            String target = to.substring(database.length() + 1);
            MongoDatabase db = resolveDatabase(database);
            MongoCollection<?> original = db.resolveCollection(source, false);
            if (original == null) {
                throw new MongoServerException("source namespace does not exist");
            }
            if (db.resolveCollection(target, false) != null) {
                if (!Boolean.TRUE.equals(query.get("dropTarget"))) {
                    throw new MongoServerException("target namespace exists");
                }
                super.handleCommand(channel, database, "drop", new Document("drop", target));
            }
            List<Document> indexes = new ArrayList<>();
            for (Object index : indexSpecs(channel, database, source)) {
                Document spec = new Document((Document) index);
                spec.remove("ns");
                spec.remove("v");
                if (!"_id_".equals(spec.get("name"))) {
                    indexes.add(spec);
                }
            }
            db.createCollectionOrThrowIfExists(target);
            if (!indexes.isEmpty()) {
                super.handleCommand(
                        channel,
                        database,
                        "createIndexes",
                        new Document("createIndexes", target).append("indexes", indexes));
            }
            List<Document> documents = new ArrayList<>();
            original.queryAll().forEach(documents::add);
            if (!documents.isEmpty()) {
                db.resolveCollection(target, true).insertDocuments(documents, true);
            }
            super.handleCommand(channel, database, "drop", new Document("drop", source));
            return new Document("ok", 1.0);
        }

        private List<?> indexSpecs(Channel channel, String database, String collection) {
            Document listed =
                    super.handleCommand(channel, database, "listIndexes", new Document("listIndexes", collection));
            return (List<?>) ((Document) listed.get("cursor")).get("firstBatch");
        }
    }
}
