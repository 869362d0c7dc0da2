package dev.ledgerloop.query.projection;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.RenameCollectionOptions;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import dev.ledgerloop.query.inprocess.InProcessInserts;
import dev.ledgerloop.query.inprocess.InProcessMongo;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import org.bson.RawBsonDocument;

/**
 * The copies a rebuild writes next to the live collections, in the same database: MongoDB renames a collection over
 * another atomically only within one database. Each copy is the live name with a prefix; the projection's fresh
 * instance gets a database in which every collection name carries it, so its code stays the live code.
 */
final class FreshCollections {
    static final String PREFIX = "rebuilding__";

    private final MongoDatabase database;
    private final List<String> names;
    private final Executor copiers;
    private final InProcessInserts inserts;

    /**
     * @param copiers where the collections are copied, side by side
     * @param inserts inserts into the views' server from this process, or null to copy through the driver
     */
    FreshCollections(MongoDatabase database, List<String> names, Executor copiers, InProcessInserts inserts) {
        this.database = database;
        this.names = List.copyOf(names);
        this.copiers = copiers;
        this.inserts = inserts;
    }

    /** Drops what a crashed rebuild left and creates the copies empty, so that each exists for the switch-over. */
    void recreate() {
        drop();
        names.forEach(name -> database.createCollection(PREFIX + name));
    }

    void drop() {
        Set<String> existing = new HashSet<>();
        database.listCollectionNames().into(existing);
        names.stream()
                .filter(name -> existing.contains(PREFIX + name))
                .forEach(name -> database.getCollection(PREFIX + name).drop());
    }

    /** How many documents {@code source} holds in collections of these names. */
    long documentsIn(MongoDatabase source) {
        return names.stream()
                .mapToLong(name -> source.getCollection(name).countDocuments())
                .sum();
    }

    /**
     * Inserts every document of the in-process store's collections of these names into their copies, {@value
     * InProcessInserts#FILL_BATCH} at a time, the collections side by side: while one waits for the server, another
     * reads. Each in the order of its {@code _id}, the order a collection keeps its documents in: the embedded
     * default's store then fills one page after the other instead of changing pages all over it between commits, each
     * of which encodes every page it changed again. Into the embedded default's server the documents go in the server's
     * own form, each collection filled in one call ({@link InProcessInserts#fill}, which enters its non-unique indexes
     * after its documents); into any other, as the encoded BSON the in-process store answers, one ordered {@code
     * insertMany} a batch.
     */
    void copyFrom(InProcessMongo source, String sourceDatabase) {
        SideBySide.runAll(
                names.stream()
                        .<Runnable>map(name -> inserts == null
                                ? () -> copyThroughTheDriver(source.database(sourceDatabase), name)
                                : () -> copyInProcess(source, sourceDatabase, name))
                        .toList(),
                copiers);
    }

    private void copyInProcess(InProcessMongo source, String sourceDatabase, String name) {
        List<Document> documents = new ArrayList<>(source.storedCopies(sourceDatabase, name));
        documents.sort(Comparator.comparing(document -> document.get("_id"), FreshCollections::compareIds));
        inserts.fill(database.getName(), PREFIX + name, documents);
    }

    /** The server's order of values; two strings (the views' ids) compare as it compares them, without its look-ups. */
    private static int compareIds(Object a, Object b) {
        if (a instanceof String first && b instanceof String second) {
            return first.compareTo(second);
        }
        return ValueComparator.asc().compare(a, b);
    }

    private void copyThroughTheDriver(MongoDatabase source, String name) {
        MongoCollection<RawBsonDocument> copy = database.getCollection(PREFIX + name, RawBsonDocument.class);
        List<RawBsonDocument> batch = new ArrayList<>(InProcessInserts.FILL_BATCH);
        for (RawBsonDocument document :
                source.getCollection(name, RawBsonDocument.class).find().sort(Sorts.ascending("_id"))) {
            batch.add(document);
            if (batch.size() == InProcessInserts.FILL_BATCH) {
                copy.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            copy.insertMany(batch);
        }
    }

    /** Renames each copy over its live collection (indexes go along); readers see the old one or the new one. */
    void switchOver() {
        for (String name : names) {
            database.getCollection(PREFIX + name)
                    .renameCollection(
                            new MongoNamespace(database.getName(), name),
                            new RenameCollectionOptions().dropTarget(true));
        }
    }

    /** The database as a fresh projection instance sees it: every collection it asks for is its copy. */
    MongoDatabase asSeenByTheCopies() {
        return (MongoDatabase) Proxy.newProxyInstance(
                MongoDatabase.class.getClassLoader(), new Class<?>[] {MongoDatabase.class}, (proxy, method, args) -> {
                    Object[] arguments = args;
                    if (method.getName().equals("getCollection")) {
                        arguments = args.clone();
                        arguments[0] = PREFIX + args[0];
                    }
                    try {
                        return method.invoke(database, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
