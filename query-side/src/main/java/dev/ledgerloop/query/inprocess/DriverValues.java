package dev.ledgerloop.query.inprocess;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * The server's values as the driver reads them from the bytes the server's wire encoder writes of them, without the
 * bytes: each Java type becomes the BSON type the encoder writes for it, fields in the document's order, and a value
 * the encoder refuses is refused with its message (docs/replay.md §The scratch store).
 */
final class DriverValues {
    private static final int UUID_LENGTH = 16;

    private DriverValues() {}

    static BsonDocument document(Map<String, ?> document) {
        BsonDocument driver = new BsonDocument();
        for (Map.Entry<String, ?> entry : document.entrySet()) {
            driver.put(entry.getKey(), value(entry.getValue()));
        }
        return driver;
    }

    /** The encoder's own order of checks, so that a value of more than one kind is written as it writes it. */
    @SuppressWarnings("unchecked")
    static BsonValue value(Object value) {
        if (value == null) {
            return BsonNull.VALUE;
        } else if (value instanceof Map<?, ?> map) {
            return document((Map<String, ?>) map);
        } else if (value instanceof ObjectId objectId) {
            return new BsonObjectId(new org.bson.types.ObjectId(objectId.toByteArray()));
        } else if (value instanceof Integer number) {
            return new BsonInt32(number);
        } else if (value instanceof Long number) {
            return new BsonInt64(number);
        } else if (value instanceof Decimal128 number) {
            return new BsonDecimal128(
                    org.bson.types.Decimal128.fromIEEE754BIDEncoding(number.getHigh(), number.getLow()));
        } else if (value instanceof Double number) {
            return new BsonDouble(number);
        } else if (value instanceof String string) {
            return new BsonString(string);
        } else if (value instanceof Boolean bool) {
            return BsonBoolean.valueOf(bool);
        } else if (value instanceof BinData binary) {
            return new BsonBinary(BsonBinarySubType.BINARY, binary.getData().clone());
        } else if (value instanceof UUID uuid) {
            return uuid(BsonBinarySubType.UUID_STANDARD, uuid, ByteOrder.BIG_ENDIAN);
        } else if (value instanceof LegacyUUID legacy) {
            return uuid(BsonBinarySubType.UUID_LEGACY, legacy.getUuid(), ByteOrder.LITTLE_ENDIAN);
        } else if (value instanceof Collection<?> collection) {
            BsonArray array = new BsonArray(collection.size());
            collection.forEach(element -> array.add(value(element)));
            return array;
        } else if (value instanceof Instant instant) {
            return new BsonDateTime(instant.toEpochMilli());
        } else if (value instanceof BsonTimestamp timestamp) {
            return new org.bson.BsonTimestamp(timestamp.getValue());
        } else if (value instanceof BsonRegularExpression regex) {
            return new org.bson.BsonRegularExpression(regex.getPattern(), regex.getOptions());
        } else if (value instanceof MaxKey) {
            return new BsonMaxKey();
        } else if (value instanceof MinKey) {
            return new BsonMinKey();
        } else if (value instanceof BsonJavaScript javaScript) {
            return new org.bson.BsonJavaScript(javaScript.getCode());
        } else if (value instanceof Missing) {
            throw new IllegalArgumentException("Unexpected missing value. This must not happen. Please report a bug.");
        } else {
            throw new IllegalArgumentException("Unknown type: " + value.getClass());
        }
    }

    /** Each half of the UUID in the byte order its subtype keeps: big-endian for 4, the old Java little-endian for 3. */
    private static BsonBinary uuid(BsonBinarySubType subtype, UUID uuid, ByteOrder order) {
        ByteBuffer bytes = ByteBuffer.allocate(UUID_LENGTH).order(order);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return new BsonBinary(subtype, bytes.array());
    }
}
