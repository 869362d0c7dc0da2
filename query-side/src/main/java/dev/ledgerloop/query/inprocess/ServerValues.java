package dev.ledgerloop.query.inprocess;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * The driver's BSON values as the server's wire decoder gives them from their bytes, without the bytes: each BSON type
 * becomes the Java type the decoder makes of it, and a type the decoder refuses is refused with its message
 * (docs/replay.md §The scratch store).
 */
final class ServerValues {
    private static final int BINARY_GENERIC = 0x00;
    private static final int BINARY_OLD_UUID = 0x03;
    private static final int BINARY_UUID = 0x04;
    private static final int BINARY_USER_DEFINED = (byte) 0x80;
    private static final int UUID_LENGTH = 16;

    private ServerValues() {}

    static Document document(BsonDocument document) {
        if (document instanceof RawBsonDocument raw) {
            // Already encoded (a checkpoint's documents): the server's decoder reads the bytes without a copy.
            return BsonDecoder.decodeBson(
                    Unpooled.wrappedBuffer(raw.getByteBuffer().asNIO()));
        }
        Document server = new Document();
        for (Map.Entry<String, BsonValue> entry : document.entrySet()) {
            server.put(entry.getKey(), value(entry.getValue()));
        }
        return server;
    }

    static Object value(BsonValue value) {
        return switch (value.getBsonType()) {
            case DOUBLE -> value.asDouble().getValue();
            case STRING -> value.asString().getValue();
            case DOCUMENT -> document(value.asDocument());
            case ARRAY -> array(value.asArray());
            case BINARY -> binary(value.asBinary());
            case UNDEFINED, NULL -> null;
            case OBJECT_ID -> new ObjectId(value.asObjectId().getValue().toByteArray());
            case BOOLEAN -> value.asBoolean().getValue();
            case DATE_TIME -> Instant.ofEpochMilli(value.asDateTime().getValue());
            case REGULAR_EXPRESSION ->
                new BsonRegularExpression(
                        value.asRegularExpression().getPattern(),
                        value.asRegularExpression().getOptions());
            case INT32 -> value.asInt32().getValue();
            case TIMESTAMP -> new BsonTimestamp(value.asTimestamp().getValue());
            case INT64 -> value.asInt64().getValue();
            case DECIMAL128 ->
                new Decimal128(
                        value.asDecimal128().getValue().getLow(),
                        value.asDecimal128().getValue().getHigh());
            case MAX_KEY -> MaxKey.getInstance();
            case MIN_KEY -> MinKey.getInstance();
            case JAVASCRIPT -> new BsonJavaScript(value.asJavaScript().getCode());
            case JAVASCRIPT_WITH_SCOPE -> throw new IllegalArgumentException("unhandled type: 0xf");
            default ->
                throw new IllegalArgumentException("unknown type: 0x"
                        + Integer.toHexString(value.getBsonType().getValue()));
        };
    }

    private static List<Object> array(BsonArray array) {
        List<Object> server = new ArrayList<>(array.size());
        for (BsonValue element : array) {
            server.add(value(element));
        }
        return server;
    }

    private static Object binary(BsonBinary binary) {
        byte[] data = binary.getData();
        return switch (binary.getType()) {
            case BINARY_GENERIC, BINARY_USER_DEFINED -> new BinData(data.clone());
            case BINARY_OLD_UUID -> {
                ByteBuffer bytes = uuidBytes(data).order(ByteOrder.LITTLE_ENDIAN);
                yield new LegacyUUID(bytes.getLong(), bytes.getLong());
            }
            case BINARY_UUID -> {
                ByteBuffer bytes = uuidBytes(data);
                yield new UUID(bytes.getLong(), bytes.getLong());
            }
            default -> throw new IllegalArgumentException("Unknown subtype: " + binary.getType());
        };
    }

    private static ByteBuffer uuidBytes(byte[] data) {
        if (data.length != UUID_LENGTH) {
            throw new IllegalArgumentException("Illegal length: " + data.length);
        }
        return ByteBuffer.wrap(data);
    }
}
