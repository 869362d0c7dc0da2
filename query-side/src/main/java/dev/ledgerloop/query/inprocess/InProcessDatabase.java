package dev.ledgerloop.query.inprocess;

import com.mongodb.MongoCommandException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.Document;

/** The driver's {@code MongoDatabase}, answered by {@link InProcessMongo}. */
final class InProcessDatabase implements InvocationHandler {
    /** The server's code for a command on a collection that does not exist, which the driver's drops ignore. */
    static final int NAMESPACE_NOT_FOUND = 26;

    private final InProcessMongo mongo;
    private final String name;

    InProcessDatabase(InProcessMongo mongo, String name) {
        this.mongo = mongo;
        this.name = name;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
        int arity = args == null ? 0 : args.length;
        return switch (method.getName() + "/" + arity) {
            case "getName/0" -> name;
            case "getCodecRegistry/0" -> mongo.codecs();
            case "getCollection/1" -> InProcessCollection.proxy(mongo, name, (String) args[0], Document.class);
            case "getCollection/2" -> InProcessCollection.proxy(mongo, name, (String) args[0], (Class<?>) args[1]);
            case "drop/0" -> {
                mongo.command(name, new BsonDocument("dropDatabase", new BsonInt32(1)));
                yield null;
            }
            case "equals/1" -> proxy == args[0];
            case "hashCode/0" -> System.identityHashCode(proxy);
            case "toString/0" -> "in-process database " + name;
            default -> throw new UnsupportedOperationException("MongoDatabase." + method.getName() + " in process");
        };
    }

    /** Whether a command failed because its collection does not exist. */
    static boolean namespaceNotFound(MongoCommandException e) {
        return e.getErrorCode() == NAMESPACE_NOT_FOUND;
    }
}
