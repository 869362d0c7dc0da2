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
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.exception.MongoServerException;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonValueCodec;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.io.BasicOutputBuffer;

/**
 * A mongo-java-server backend called in this process through the MongoDB driver's own interfaces: each call of the
 * driver's {@code MongoDatabase} and {@code MongoCollection} is turned into the command document the driver would send
 * (docs/replay.md §The scratch store), handed to the backend as its wire handler hands it, and its reply read back as
 * the driver reads a reply. The same server code answers as over a socket, without the socket, the server's threads
 * and the hand-offs between them, which were most of a history fold's time. Only the calls the views, their readers
 * and the fold checkpoints make are answered; any other throws {@link UnsupportedOperationException}.
 */
public final class InProcessMongo {
    static final ServerAddress ADDRESS = new ServerAddress("in-process", 27017);
    private static final BsonValueCodec VALUES = new BsonValueCodec();
    private static final String DOCUMENTS = "documents";

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
        de.bwaldvogel.mongo.bson.Document reply;
        try {
            reply = backend.handleCommand(channels.get(), database, command.getFirstKey(), toServer(command));
        } catch (MongoServerException e) {
            throw commandFailed(e);
        }
        BsonDocument answer = fromServer(reply);
        if (answer.getNumber("ok", new BsonInt32(0)).intValue() != 1) {
            throw new MongoCommandException(answer, ADDRESS);
        }
        return answer;
    }

    /** A write command's reply, with its first write error thrown as the driver throws it for a single write. */
    BsonDocument write(String database, BsonDocument command) {
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
    BsonDocument insertMany(String database, BsonDocument command, int count) {
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

    /**
     * The command as the server's wire handler decodes it. Encoded documents an insert carries (a checkpoint's, when a
     * fold restores one) are decoded from their own bytes rather than copied into the command's first.
     */
    private static de.bwaldvogel.mongo.bson.Document toServer(BsonDocument command) {
        if (command.get(DOCUMENTS) instanceof BsonArray documents
                && !documents.isEmpty()
                && documents.stream().allMatch(RawBsonDocument.class::isInstance)) {
            BsonDocument rest = new BsonDocument();
            command.forEach((name, value) -> {
                if (!name.equals(DOCUMENTS)) {
                    rest.append(name, value);
                }
            });
            de.bwaldvogel.mongo.bson.Document server = decode(rest);
            List<Object> decoded = new ArrayList<>(documents.size());
            for (BsonValue document : documents) {
                decoded.add(BsonDecoder.decodeBson(Unpooled.wrappedBuffer(
                        ((RawBsonDocument) document).getByteBuffer().asNIO())));
            }
            server.put(DOCUMENTS, decoded);
            return server;
        }
        return decode(command);
    }

    private static de.bwaldvogel.mongo.bson.Document decode(BsonDocument command) {
        BasicOutputBuffer bytes = new BasicOutputBuffer();
        try (BsonBinaryWriter writer = new BsonBinaryWriter(bytes)) {
            write(writer, command);
        }
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes.getInternalBuffer(), 0, bytes.getPosition()));
    }

    /** Writes a document, copying the bytes of an encoded one (a checkpoint's documents) instead of walking it. */
    private static void write(BsonBinaryWriter writer, BsonDocument document) {
        if (document instanceof RawBsonDocument raw) {
            writer.pipe(new BsonBinaryReader(raw.getByteBuffer().asNIO()));
            return;
        }
        writer.writeStartDocument();
        for (Map.Entry<String, BsonValue> entry : document.entrySet()) {
            writer.writeName(entry.getKey());
            write(writer, entry.getValue());
        }
        writer.writeEndDocument();
    }

    private static void write(BsonBinaryWriter writer, BsonValue value) {
        if (value instanceof BsonDocument document) {
            write(writer, document);
        } else if (value instanceof BsonArray array) {
            writer.writeStartArray();
            array.forEach(element -> write(writer, element));
            writer.writeEndArray();
        } else {
            VALUES.encode(writer, value, EncoderContext.builder().build());
        }
    }

    private static BsonDocument fromServer(de.bwaldvogel.mongo.bson.Document document) {
        ByteBuf buffer = ByteBufAllocator.DEFAULT.heapBuffer();
        try {
            BsonEncoder.encodeDocument(document, buffer);
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            return new RawBsonDocument(bytes);
        } finally {
            buffer.release();
        }
    }
}
