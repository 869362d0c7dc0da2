package dev.ledgerloop.query.inprocess;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.exception.MongoServerException;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.codecs.configuration.CodecRegistry;

/**
 * A mongo-java-server backend called in this process through the MongoDB driver's own interfaces: each call of the
 * driver's {@code MongoDatabase} and {@code MongoCollection} is turned into the command document the driver would send
 * (docs/replay.md §The scratch store), handed to the backend as its wire handler hands it, and its reply read back as
 * the driver reads a reply, value by value into what the server's decoder and the driver's reader make of the bytes
 * ({@link ServerValues}, {@link DriverValues}) without writing the bytes. The same server code answers as over a
 * socket, without the socket, the server's threads and the hand-offs between them, which were most of a history fold's
 * time. Only the calls the views, their readers and the fold checkpoints make are answered; any other throws
 * {@link UnsupportedOperationException}.
 */
public final class InProcessMongo {
    static final ServerAddress ADDRESS = new ServerAddress("in-process", 27017);

    private final MongoBackend backend;
    private final CodecRegistry codecs = MongoClientSettings.getDefaultCodecRegistry();
    /** The backend keeps each connection's last results by channel; a thread is a connection here. */
    private final ThreadLocal<Channel> channels = ThreadLocal.withInitial(EmbeddedChannel::new);

    public InProcessMongo(MongoBackend backend) {
        this.backend = backend;
    }

    public MongoDatabase database(String name) {
        return (MongoDatabase) Proxy.newProxyInstance(
                MongoDatabase.class.getClassLoader(),
                new Class<?>[] {MongoDatabase.class},
                new InProcessDatabase(this, name));
    }

    CodecRegistry codecs() {
        return codecs;
    }

    /** Runs a command on a database and answers its reply; a command the server refuses throws as the driver does. */
    BsonDocument command(String database, BsonDocument command) {
        return command(database, ServerValues.document(command));
    }

    /** The same for a command already in the server's form (as its wire decoder would have read it). */
    BsonDocument command(String database, Document command) {
        Document reply;
        try {
            reply = backend.handleCommand(
                    channels.get(), database, command.keySet().iterator().next(), command);
        } catch (MongoServerException e) {
            throw commandFailed(e);
        }
        BsonDocument answer = DriverValues.document(reply);
        if (answer.getNumber("ok", new BsonInt32(0)).intValue() != 1) {
            throw new MongoCommandException(answer, ADDRESS);
        }
        return answer;
    }

    /**
     * Copies of a collection's stored documents in the server's own form, in their stored order; none when it does not
     * exist. Copies, because the server updates a stored document in place.
     */
    public List<Document> storedCopies(String database, String collection) {
        de.bwaldvogel.mongo.MongoCollection<?> stored =
                backend.resolveDatabase(database).resolveCollection(collection, false);
        if (stored == null) {
            return List.of();
        }
        List<Document> copies = new ArrayList<>();
        for (Document document : stored.queryAll()) {
            copies.add(copyOf(document));
        }
        return copies;
    }

    /**
     * Adds copies of documents in the server's own form ({@link #storedCopies}) to a collection, creating it if need
     * be, as an insert adds them (indexes checked and kept) but without a command to write and decode.
     */
    public void addCopies(String database, String collection, List<Document> documents) {
        de.bwaldvogel.mongo.MongoDatabase target = backend.resolveDatabase(database);
        de.bwaldvogel.mongo.MongoCollection<?> stored = target.resolveCollection(collection, false);
        if (stored == null) {
            stored = target.createCollectionOrThrowIfExists(collection, CollectionOptions.withDefaults());
        }
        for (Document document : documents) {
            stored.addDocument(copyOf(document));
        }
    }

    /**
     * A deep copy made in one pass: the server's own {@code cloneDeeply} copies each document's map twice and then puts
     * every value again: a quarter of what restoring a fold checkpoint allocated.
     */
    private static Document copyOf(Document document) {
        Document copy = new Document();
        for (Map.Entry<String, Object> field : document.entrySet()) {
            copy.put(field.getKey(), copyOfValue(field.getValue()));
        }
        return copy;
    }

    private static Object copyOfValue(Object value) {
        if (value instanceof Document document) {
            return copyOf(document);
        }
        if (value instanceof List<?> values) {
            List<Object> copy = new ArrayList<>(values.size());
            for (Object element : values) {
                copy.add(copyOfValue(element));
            }
            return copy;
        }
        if (value instanceof Set<?> values) {
            Set<Object> copy = new LinkedHashSet<>();
            for (Object element : values) {
                copy.add(copyOfValue(element));
            }
            return copy;
        }
        return value;
    }

    /** A write command's reply, with its first write error thrown as the driver throws it for a single write. */
    BsonDocument write(String database, BsonDocument command) {
        return write(database, ServerValues.document(command));
    }

    BsonDocument write(String database, Document command) {
        BsonDocument reply = command(database, command);
        BsonArray errors = reply.getArray("writeErrors", new BsonArray());
        if (!errors.isEmpty()) {
            BsonDocument error = errors.get(0).asDocument();
            throw new MongoWriteException(
                    new WriteError(
                            error.getNumber("code").intValue(),
                            error.getString("errmsg").getValue(),
                            error.getDocument("errInfo", new BsonDocument())),
                    ADDRESS,
                    Set.of());
        }
        return reply;
    }

    /** An insert of several documents, failing as the driver's {@code insertMany} fails. */
    BsonDocument insertMany(String database, Document command, int count) {
        BsonDocument reply = command(database, command);
        BsonArray errors = reply.getArray("writeErrors", new BsonArray());
        if (!errors.isEmpty()) {
            List<BulkWriteError> failures = new ArrayList<>();
            for (BsonValue value : errors) {
                BsonDocument error = value.asDocument();
                failures.add(new BulkWriteError(
                        error.getNumber("code").intValue(),
                        error.getString("errmsg").getValue(),
                        error.getDocument("errInfo", new BsonDocument()),
                        error.getNumber("index").intValue()));
            }
            throw new MongoBulkWriteException(
                    BulkWriteResult.acknowledged(count - failures.size(), 0, 0, 0, List.of(), List.of()),
                    failures,
                    null,
                    ADDRESS,
                    Set.of());
        }
        return reply;
    }

    private static MongoCommandException commandFailed(MongoServerException e) {
        BsonDocument response = new BsonDocument("ok", new BsonInt32(0))
                .append("errmsg", new BsonString(e.getMessageWithoutErrorCode()));
        if (e instanceof MongoServerError error) {
            response.append("code", new BsonInt32(error.getCode()))
                    .append("codeName", new BsonString(error.getCodeName()));
        }
        return new MongoCommandException(response, ADDRESS);
    }
}
