package dev.ledgerloop.query.inprocess;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoNamespace;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.DeleteResult;
import com.mongodb.client.result.InsertManyResult;
import com.mongodb.client.result.InsertOneResult;
import com.mongodb.client.result.UpdateResult;
import de.bwaldvogel.mongo.bson.Document;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonDocumentWriter;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.codecs.Codec;
import org.bson.codecs.CollectibleCodec;
import org.bson.codecs.EncoderContext;
import org.bson.conversions.Bson;

/** The driver's {@code MongoCollection}, answered by {@link InProcessMongo} with the commands the driver sends. */
final class InProcessCollection implements InvocationHandler {
    private final InProcessMongo mongo;
    private final String database;
    private final String name;
    private final Class<?> documentClass;

    InProcessCollection(InProcessMongo mongo, String database, String name, Class<?> documentClass) {
        this.mongo = mongo;
        this.database = database;
        this.name = name;
        this.documentClass = documentClass;
    }

    /** The driver's collection interface over this handler. */
    static MongoCollection<?> proxy(InProcessMongo mongo, String database, String name, Class<?> documentClass) {
        return (MongoCollection<?>) Proxy.newProxyInstance(
                MongoCollection.class.getClassLoader(),
                new Class<?>[] {MongoCollection.class},
                new InProcessCollection(mongo, database, name, documentClass));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
        int arity = args == null ? 0 : args.length;
        String call = method.getName() + "/" + arity;
        return switch (call) {
            case "getNamespace/0" -> new MongoNamespace(database, name);
            case "getDocumentClass/0" -> documentClass;
            case "getCodecRegistry/0" -> mongo.codecs();
            case "withDocumentClass/1" -> proxy(mongo, database, name, (Class<?>) args[0]);
            // One server in this process, acknowledging every write it answers: no concern or preference changes that.
            case "withWriteConcern/1", "withReadConcern/1", "withReadPreference/1" -> proxy;
            case "insertOne/1", "insertOne/2" -> insertOne(args[0]);
            case "insertMany/1", "insertMany/2" -> insertMany((List<?>) args[0]);
            case "updateOne/2", "updateOne/3" -> update(args, false);
            case "updateMany/2", "updateMany/3" -> update(args, true);
            case "replaceOne/2", "replaceOne/3" -> replaceOne(args);
            case "deleteOne/1", "deleteOne/2" -> delete((Bson) args[0], 1);
            case "deleteMany/1", "deleteMany/2" -> delete((Bson) args[0], 0);
            case "find/0" -> find(new BsonDocument());
            case "find/1" -> args[0] instanceof Bson filter ? find(bson(filter)) : unsupported(call);
            case "countDocuments/0" -> count(new BsonDocument());
            case "countDocuments/1" -> count(bson((Bson) args[0]));
            case "createIndex/1" -> createIndex((Bson) args[0], new IndexOptions());
            case "createIndex/2" -> createIndex((Bson) args[0], (IndexOptions) args[1]);
            case "drop/0" -> drop();
            case "equals/1" -> proxy == args[0];
            case "hashCode/0" -> System.identityHashCode(proxy);
            case "toString/0" -> "in-process collection " + database + "." + name;
            default -> unsupported(call);
        };
    }

    private Object insertOne(Object document) {
        Document server = serverForm(withId(document));
        mongo.write(database, insert(List.of(server)));
        return InsertOneResult.acknowledged(DriverValues.value(server.get("_id")));
    }

    private Object insertMany(List<?> documents) {
        List<Document> servers = new ArrayList<>(documents.size());
        Map<Integer, BsonValue> ids = new HashMap<>();
        for (Object document : documents) {
            Document server = serverForm(withId(document));
            ids.put(servers.size(), DriverValues.value(server.get("_id")));
            servers.add(server);
        }
        mongo.insertMany(database, insert(servers), documents.size());
        return InsertManyResult.acknowledged(ids);
    }

    private Document insert(List<Document> documents) {
        return new Document("insert", name).append("ordered", true).append("documents", documents);
    }

    /** A document to insert as the server reads it from the driver's bytes: directly when it is plain. */
    private Document serverForm(Object document) {
        return PlainDocuments.serverForm(document).orElseGet(() -> ServerValues.document(encode(document)));
    }

    private Object update(Object[] args, boolean multi) {
        if (!(args[1] instanceof Bson changes)) {
            return unsupported("update with a pipeline");
        }
        boolean upsert = false;
        if (args.length == 3) {
            UpdateOptions options = (UpdateOptions) args[2];
            if (options.getArrayFilters() != null
                    || options.getCollation() != null
                    || options.getHint() != null
                    || options.getHintString() != null) {
                return unsupported("update with array filters, a collation or a hint");
            }
            upsert = options.isUpsert();
        }
        return update(bson((Bson) args[0]), bson(changes), multi, upsert);
    }

    private Object replaceOne(Object[] args) {
        boolean upsert = false;
        if (args.length == 3) {
            ReplaceOptions options = (ReplaceOptions) args[2];
            if (options.getCollation() != null || options.getHint() != null || options.getHintString() != null) {
                return unsupported("replaceOne with a collation or a hint");
            }
            upsert = options.isUpsert();
        }
        return update(bson((Bson) args[0]), encode(args[1]), false, upsert);
    }

    private UpdateResult update(BsonDocument filter, BsonDocument changes, boolean multi, boolean upsert) {
        BsonDocument statement = new BsonDocument("q", filter)
                .append("u", changes)
                .append("multi", BsonBoolean.valueOf(multi))
                .append("upsert", BsonBoolean.valueOf(upsert));
        BsonDocument reply = mongo.write(
                database,
                new BsonDocument("update", new BsonString(name))
                        .append("ordered", BsonBoolean.TRUE)
                        .append("updates", new BsonArray(List.of(statement))));
        BsonArray upserted = reply.getArray("upserted", new BsonArray());
        long matched = reply.getNumber("n").longValue() - upserted.size();
        BsonValue upsertedId =
                upserted.isEmpty() ? null : upserted.get(0).asDocument().get("_id");
        return UpdateResult.acknowledged(matched, reply.getNumber("nModified").longValue(), upsertedId);
    }

    private DeleteResult delete(Bson filter, int limit) {
        BsonDocument statement = new BsonDocument("q", bson(filter)).append("limit", new BsonInt32(limit));
        BsonDocument reply = mongo.write(
                database,
                new BsonDocument("delete", new BsonString(name))
                        .append("ordered", BsonBoolean.TRUE)
                        .append("deletes", new BsonArray(List.of(statement))));
        return DeleteResult.acknowledged(reply.getNumber("n").longValue());
    }

    private FindIterable<?> find(BsonDocument filter) {
        return (FindIterable<?>) Proxy.newProxyInstance(
                FindIterable.class.getClassLoader(),
                new Class<?>[] {FindIterable.class},
                new InProcessFind(mongo, database, name, codec(), filter));
    }

    private long count(BsonDocument filter) {
        BsonDocument reply =
                mongo.command(database, new BsonDocument("count", new BsonString(name)).append("query", filter));
        return reply.getNumber("n").longValue();
    }

    private String createIndex(Bson keys, IndexOptions options) {
        BsonDocument key = bson(keys);
        String indexName = options.getName() != null
                ? options.getName()
                : key.entrySet().stream()
                        .map(entry -> entry.getKey() + "_"
                                + entry.getValue().asNumber().intValue())
                        .collect(Collectors.joining("_"));
        BsonDocument index = new BsonDocument("key", key).append("name", new BsonString(indexName));
        if (options.isUnique()) {
            index.append("unique", BsonBoolean.TRUE);
        }
        mongo.command(
                database,
                new BsonDocument("createIndexes", new BsonString(name))
                        .append("indexes", new BsonArray(List.of(index))));
        return indexName;
    }

    private Object drop() {
        try {
            mongo.command(database, new BsonDocument("drop", new BsonString(name)));
        } catch (MongoCommandException e) {
            if (!InProcessDatabase.namespaceNotFound(e)) {
                throw e;
            }
        }
        return null;
    }

    /** A new document without an id gets one, as the driver's collectible codecs give it before an insert. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object withId(Object document) {
        Codec codec = mongo.codecs().get(document.getClass());
        return codec instanceof CollectibleCodec collectible
                ? collectible.generateIdIfAbsentFromDocument(document)
                : document;
    }

    /** A whole document as the driver writes it for an insert or a replacement: its id first. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private BsonDocument encode(Object document) {
        if (document instanceof BsonDocument bson) {
            return bson;
        }
        BsonDocument encoded = new BsonDocument();
        Codec codec = mongo.codecs().get(document.getClass());
        codec.encode(
                new BsonDocumentWriter(encoded),
                document,
                EncoderContext.builder().isEncodingCollectibleDocument(true).build());
        return encoded;
    }

    private BsonDocument bson(Bson value) {
        return value.toBsonDocument(BsonDocument.class, mongo.codecs());
    }

    private Codec<?> codec() {
        return mongo.codecs().get(documentClass);
    }

    private static Object unsupported(String call) {
        throw new UnsupportedOperationException("MongoCollection." + call + " in process");
    }
}
