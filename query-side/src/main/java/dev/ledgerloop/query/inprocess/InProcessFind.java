package dev.ledgerloop.query.inprocess;

import com.mongodb.client.MongoCursor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.bson.BsonDocument;
import org.bson.BsonDocumentReader;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.conversions.Bson;

/**
 * The driver's {@code FindIterable}, answered by {@link InProcessMongo}: the filter, sort, skip, limit and projection
 * of a {@code find} command, then every batch of its cursor decoded as the collection's document class.
 */
final class InProcessFind implements InvocationHandler {
    private static final DecoderContext DECODING = DecoderContext.builder().build();

    private final InProcessMongo mongo;
    private final String database;
    private final String collection;
    private final Codec<?> codec;
    private BsonDocument filter;
    private BsonDocument sort;
    private BsonDocument projection;
    private int skip;
    private int limit;

    InProcessFind(InProcessMongo mongo, String database, String collection, Codec<?> codec, BsonDocument filter) {
        this.mongo = mongo;
        this.database = database;
        this.collection = collection;
        this.codec = codec;
        this.filter = filter;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object invoke(Object proxy, Method method, Object[] args) {
        int arity = args == null ? 0 : args.length;
        String call = method.getName() + "/" + arity;
        switch (call) {
            case "filter/1" -> filter = bson(args[0]);
            case "sort/1" -> sort = args[0] == null ? null : bson(args[0]);
            case "projection/1" -> projection = args[0] == null ? null : bson(args[0]);
            case "skip/1" -> skip = (Integer) args[0];
            case "limit/1" -> limit = (Integer) args[0];
            case "batchSize/1" -> {
                // Every batch is read before the first document is handed out; the size changes nothing.
            }
            case "first/0" -> {
                List<Object> first = run(1);
                return first.isEmpty() ? null : first.get(0);
            }
            case "into/1" -> {
                ((Collection<Object>) args[0]).addAll(run(limit));
                return args[0];
            }
            case "forEach/1" -> {
                run(limit).forEach((Consumer<Object>) args[0]);
                return null;
            }
            case "iterator/0", "cursor/0" -> {
                return cursor(run(limit).iterator());
            }
            case "equals/1" -> {
                return proxy == args[0];
            }
            case "hashCode/0" -> {
                return System.identityHashCode(proxy);
            }
            case "toString/0" -> {
                return "in-process find on " + database + "." + collection;
            }
            default -> throw new UnsupportedOperationException("FindIterable." + call + " in process");
        }
        return proxy;
    }

    private List<Object> run(int limit) {
        BsonDocument command = new BsonDocument("find", new BsonString(collection)).append("filter", filter);
        if (sort != null) {
            command.append("sort", sort);
        }
        if (projection != null) {
            command.append("projection", projection);
        }
        if (skip > 0) {
            command.append("skip", new BsonInt32(skip));
        }
        if (limit > 0) {
            command.append("limit", new BsonInt32(limit));
        }
        List<Object> documents = new ArrayList<>();
        BsonDocument cursor = mongo.command(database, command).getDocument("cursor");
        decodeInto(documents, cursor.getArray("firstBatch"));
        long id = cursor.getNumber("id").longValue();
        while (id != 0) {
            cursor = mongo.command(
                            database,
                            new BsonDocument("getMore", new BsonInt64(id))
                                    .append("collection", new BsonString(collection)))
                    .getDocument("cursor");
            decodeInto(documents, cursor.getArray("nextBatch"));
            id = cursor.getNumber("id").longValue();
        }
        return documents;
    }

    private void decodeInto(List<Object> documents, List<BsonValue> batch) {
        for (BsonValue document : batch) {
            documents.add(codec.decode(new BsonDocumentReader(document.asDocument()), DECODING));
        }
    }

    private BsonDocument bson(Object value) {
        return ((Bson) value).toBsonDocument(BsonDocument.class, mongo.codecs());
    }

    @SuppressWarnings("unchecked")
    private static MongoCursor<Object> cursor(Iterator<Object> documents) {
        return (MongoCursor<Object>) Proxy.newProxyInstance(
                MongoCursor.class.getClassLoader(),
                new Class<?>[] {MongoCursor.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "hasNext" -> documents.hasNext();
                    case "next" -> documents.next();
                    case "tryNext" -> documents.hasNext() ? documents.next() : null;
                    case "close" -> null;
                    case "available" -> documents.hasNext() ? 1 : 0;
                    case "forEachRemaining" -> {
                        documents.forEachRemaining((Consumer<Object>) args[0]);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default ->
                        throw new UnsupportedOperationException("MongoCursor." + method.getName() + " in process");
                });
    }
}
