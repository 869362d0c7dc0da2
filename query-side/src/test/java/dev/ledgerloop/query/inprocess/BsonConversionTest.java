package dev.ledgerloop.query.inprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.bwaldvogel.mongo.backend.Missing;
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
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinaryWriter;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDbPointer;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonJavaScriptWithScope;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonSymbol;
import org.bson.BsonUndefined;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.UuidRepresentation;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.Test;

/**
 * The direct conversions give what the bytes gave: the server's decoder reading what the driver writes, and the driver
 * reading what the server's encoder writes. Values are compared with their types and field order, which plain
 * equality does not see (an Integer is not a Long, and maps are equal in any order).
 */
class BsonConversionTest {
    private static final UUID UUID_VALUE = UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
    private static final double NAN_WITH_SIGN_AND_PAYLOAD = Double.longBitsToDouble(0xfff8000000000001L);
    private static final JsonWriterSettings EXTENDED =
            JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    @Test
    void a_command_becomes_what_the_servers_decoder_reads_from_the_drivers_bytes() {
        BsonDocument command = everyDriverType()
                .append("nested", everyDriverType())
                .append(
                        "array",
                        new BsonArray(List.of(
                                everyDriverType(),
                                new BsonArray(new ArrayList<>(everyDriverType().values())))))
                .append("raw", RawBsonDocument.parse("{\"a\": 1, \"b\": {\"c\": [2, \"d\", {\"e\": null}]}}"))
                .append("raws", new BsonArray(List.of(RawBsonDocument.parse("{\"_id\": {\"$numberLong\": \"7\"}}"))));

        assertThat(typed(ServerValues.document(command))).isEqualTo(typed(decodedFromBytes(command)));
    }

    @Test
    void a_reply_becomes_what_the_driver_reads_from_the_servers_bytes() {
        Document reply = everyServerType()
                .append("nested", everyServerType())
                .append(
                        "array",
                        List.of(
                                everyServerType(),
                                new ArrayList<>(everyServerType().values())))
                .append("set", new LinkedHashSet<>(List.of(3, "three", 3L)))
                .append("map", new HashMap<>(Map.of("only", 1.5)));

        BsonDocument converted = DriverValues.document(reply);
        RawBsonDocument read = readFromBytes(reply);

        assertThat(converted.toJson(EXTENDED)).isEqualTo(read.toJson(EXTENDED));
        assertThat(bytes(converted)).isEqualTo(bytes(read));
    }

    @Test
    void a_plain_driver_document_becomes_what_the_codecs_and_the_decoder_make_of_it() {
        org.bson.Document plain = plainDriverDocument()
                .append("nested", plainDriverDocument().append("_id", "not moved in a nested document"))
                .append("map", new java.util.LinkedHashMap<>(Map.of("only", List.of(1, 2L, "three"))))
                .append("list", List.of(plainDriverDocument(), List.of(), new ArrayList<>(List.of(true, 1.5))))
                .append("_id", "moved first");

        assertThat(typed(PlainDocuments.serverForm(plain).orElseThrow()))
                .isEqualTo(typed(decodedFromBytes(encodedAsInserted(plain))));
    }

    @Test
    void a_driver_document_holding_anything_else_is_left_to_the_codecs() {
        List<Object> notPlain = List.of(
                UUID_VALUE,
                new org.bson.types.ObjectId(),
                new java.sql.Timestamp(1_000),
                Instant.EPOCH,
                1.5f,
                (short) 2,
                new org.bson.types.Binary(new byte[] {1}),
                new BsonString("a BSON value"),
                java.util.Set.of("a set"),
                new HashMap<>(Map.of(1, "a number as the key")));
        for (Object value : notPlain) {
            assertThat(PlainDocuments.serverForm(new org.bson.Document("value", value)))
                    .as(value.getClass().getName())
                    .isEmpty();
            assertThat(PlainDocuments.serverForm(
                            new org.bson.Document("deep", List.of(new org.bson.Document("v", value)))))
                    .as("nested " + value.getClass().getName())
                    .isEmpty();
        }
        assertThat(PlainDocuments.serverForm(new BsonDocument("_id", new BsonString("x"))))
                .isEmpty();
    }

    @Test
    void what_the_servers_decoder_refuses_is_refused_with_its_message() {
        List<BsonValue> refused = List.of(
                new BsonSymbol("symbol"),
                new BsonDbPointer("db.collection", new org.bson.types.ObjectId()),
                new BsonJavaScriptWithScope("code", new BsonDocument()),
                new BsonBinary((byte) 0x01, new byte[] {1}),
                new BsonBinary((byte) 0x05, new byte[16]),
                new BsonBinary((byte) 0x81, new byte[] {1}),
                new BsonBinary((byte) 0x04, new byte[15]),
                new BsonBinary((byte) 0x03, new byte[17]));
        for (BsonValue value : refused) {
            BsonDocument command = new BsonDocument("value", value);
            String expected = failureOf(() -> decodedFromBytes(command));

            assertThatThrownBy(() -> ServerValues.document(command))
                    .as(value.toString())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(expected);
        }
    }

    @Test
    void what_the_servers_encoder_refuses_is_refused_with_its_message() {
        for (Object value : List.of(Missing.getInstance(), 1.5f, (short) 2, new Object())) {
            Document reply = new Document("value", value);
            String expected = failureOf(() -> readFromBytes(reply));

            assertThatThrownBy(() -> DriverValues.document(reply))
                    .as(value.toString())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(expected);
        }
    }

    @Test
    void the_comparisons_tell_apart_what_the_conversions_must_keep() {
        assertThat(typed(new Document("n", 1))).isNotEqualTo(typed(new Document("n", 1L)));
        assertThat(typed(new Document("n", 1.0))).isNotEqualTo(typed(new Document("n", 1L)));
        assertThat(typed(new Document("a", 1).append("b", 2))).isNotEqualTo(typed(new Document("b", 2).append("a", 1)));
        assertThat(typed(new Document("u", UUID_VALUE)))
                .isNotEqualTo(typed(new Document("u", new LegacyUUID(UUID_VALUE))));
        assertThat(typed(new Document("d", Double.NaN)))
                .isNotEqualTo(typed(new Document("d", NAN_WITH_SIGN_AND_PAYLOAD)));
        assertThat(typed(new Document("l", List.of()))).isNotEqualTo(typed(new Document("l", new Document())));
        assertThat(typed(new Document("x", null))).isNotEqualTo(typed(new Document()));

        assertThat(bytes(new BsonDocument("n", new BsonInt32(1))))
                .isNotEqualTo(bytes(new BsonDocument("n", new BsonInt64(1))));
        assertThat(bytes(new BsonDocument("a", BsonNull.VALUE).append("b", BsonNull.VALUE)))
                .isNotEqualTo(bytes(new BsonDocument("b", BsonNull.VALUE).append("a", BsonNull.VALUE)));
        assertThat(new BsonDocument("n", new BsonInt32(1)).toJson(EXTENDED))
                .isNotEqualTo(new BsonDocument("n", new BsonInt64(1)).toJson(EXTENDED));
    }

    private static BsonDocument everyDriverType() {
        return new BsonDocument("int32", new BsonInt32(0))
                .append("int32Min", new BsonInt32(Integer.MIN_VALUE))
                .append("int32Max", new BsonInt32(Integer.MAX_VALUE))
                .append("int64", new BsonInt64(0))
                .append("int64Min", new BsonInt64(Long.MIN_VALUE))
                .append("int64Max", new BsonInt64(Long.MAX_VALUE))
                .append("double", new BsonDouble(1.0))
                .append("nan", new BsonDouble(Double.NaN))
                .append("otherNan", new BsonDouble(NAN_WITH_SIGN_AND_PAYLOAD))
                .append("negativeZero", new BsonDouble(-0.0))
                .append("infinity", new BsonDouble(Double.NEGATIVE_INFINITY))
                .append("tiny", new BsonDouble(Double.MIN_VALUE))
                .append("empty", new BsonString(""))
                .append("unicode", new BsonString("ünï 😀 \u0000 after a null"))
                .append("emptyDocument", new BsonDocument())
                .append("emptyArray", new BsonArray())
                .append("binary", new BsonBinary(new byte[] {0, 1, (byte) 0xff}))
                .append("emptyBinary", new BsonBinary(new byte[0]))
                .append("userDefined", new BsonBinary((byte) 0x80, new byte[] {9, 8}))
                .append("uuid", new BsonBinary(UUID_VALUE, UuidRepresentation.STANDARD))
                .append("legacyUuid", new BsonBinary(UUID_VALUE, UuidRepresentation.JAVA_LEGACY))
                .append("objectId", new BsonObjectId(new org.bson.types.ObjectId("0123456789abcdef01234567")))
                .append("dateTime", new BsonDateTime(1_700_000_000_123L))
                .append("beforeEpoch", new BsonDateTime(-86_400_001L))
                .append("null", BsonNull.VALUE)
                .append("undefined", new BsonUndefined())
                .append("true", BsonBoolean.TRUE)
                .append("false", BsonBoolean.FALSE)
                .append("decimal", new BsonDecimal128(org.bson.types.Decimal128.parse("-1234.5678E-20")))
                .append("decimalNaN", new BsonDecimal128(org.bson.types.Decimal128.NaN))
                .append("decimalNegativeZero", new BsonDecimal128(org.bson.types.Decimal128.NEGATIVE_ZERO))
                .append("timestamp", new org.bson.BsonTimestamp(1_700_000_000, 42))
                .append("timestampMax", new org.bson.BsonTimestamp(-1L))
                .append("regex", new org.bson.BsonRegularExpression("^a.*b$", "xmi"))
                .append("emptyRegex", new org.bson.BsonRegularExpression("", ""))
                .append("minKey", new BsonMinKey())
                .append("maxKey", new BsonMaxKey())
                .append("javaScript", new org.bson.BsonJavaScript("function() { return 1; }"))
                .append("emptyJavaScript", new org.bson.BsonJavaScript(""));
    }

    private static Document everyServerType() {
        return new Document("int32", 0)
                .append("int32Min", Integer.MIN_VALUE)
                .append("int64", 0L)
                .append("int64Min", Long.MIN_VALUE)
                .append("int64Max", Long.MAX_VALUE)
                .append("double", 1.0)
                .append("nan", Double.NaN)
                .append("otherNan", NAN_WITH_SIGN_AND_PAYLOAD)
                .append("negativeZero", -0.0)
                .append("infinity", Double.POSITIVE_INFINITY)
                .append("empty", "")
                .append("unicode", "ünï 😀 \u0000 after a null")
                .append("emptyDocument", new Document())
                .append("emptyArray", List.of())
                .append("binary", new BinData(new byte[] {0, 1, (byte) 0xff}))
                .append("emptyBinary", new BinData(new byte[0]))
                .append("uuid", UUID_VALUE)
                .append("legacyUuid", new LegacyUUID(UUID_VALUE))
                .append("objectId", new ObjectId("0123456789abcdef01234567"))
                .append("instant", Instant.ofEpochSecond(1_700_000_000L, 123_456_789))
                .append("beforeEpoch", Instant.ofEpochMilli(-86_400_001L))
                .append("null", null)
                .append("true", true)
                .append("false", false)
                .append("decimal", Decimal128.fromNumber(new java.math.BigDecimal("-1234.5678E-20")))
                .append("decimalNaN", Decimal128.NaN)
                .append("decimalNegativeZero", Decimal128.NEGATIVE_ZERO)
                .append("timestamp", new BsonTimestamp(Instant.ofEpochSecond(1_700_000_000L), 42))
                .append("timestampMax", new BsonTimestamp(-1L))
                .append("regex", new BsonRegularExpression("^a.*b$", "xmi"))
                .append("emptyRegex", new BsonRegularExpression("", ""))
                .append("minKey", MinKey.getInstance())
                .append("maxKey", MaxKey.getInstance())
                .append("javaScript", new BsonJavaScript("function() { return 1; }"))
                .append("emptyJavaScript", new BsonJavaScript(""));
    }

    private static org.bson.Document plainDriverDocument() {
        return new org.bson.Document("string", "ünï 😀 \u0000")
                .append("empty", "")
                .append("int32", Integer.MIN_VALUE)
                .append("int64", Long.MAX_VALUE)
                .append("double", -0.0)
                .append("nan", NAN_WITH_SIGN_AND_PAYLOAD)
                .append("true", true)
                .append("false", false)
                .append("date", new java.util.Date(-86_400_001L))
                .append("null", null)
                .append("emptyDocument", new org.bson.Document())
                .append("emptyList", List.of());
    }

    /** What the in-process collection's codec route gives for an insert: the driver's default codecs, id first. */
    private static BsonDocument encodedAsInserted(org.bson.Document document) {
        BsonDocument encoded = new BsonDocument();
        com.mongodb.MongoClientSettings.getDefaultCodecRegistry()
                .get(org.bson.Document.class)
                .encode(
                        new org.bson.BsonDocumentWriter(encoded),
                        document,
                        EncoderContext.builder()
                                .isEncodingCollectibleDocument(true)
                                .build());
        return encoded;
    }

    private static Document decodedFromBytes(BsonDocument command) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes(command)));
    }

    private static RawBsonDocument readFromBytes(Document reply) {
        ByteBuf buffer = Unpooled.buffer();
        BsonEncoder.encodeDocument(reply, buffer);
        return new RawBsonDocument(ByteBufUtil.getBytes(buffer));
    }

    private static byte[] bytes(BsonDocument document) {
        BasicOutputBuffer out = new BasicOutputBuffer();
        try (BsonBinaryWriter writer = new BsonBinaryWriter(out)) {
            new BsonDocumentCodec()
                    .encode(writer, document, EncoderContext.builder().build());
        }
        return out.toByteArray();
    }

    private static String failureOf(Runnable conversion) {
        try {
            conversion.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("the bytes path accepted what it should refuse");
    }

    /** A server value spelled out with the Java type of every part, fields in their order. */
    private static String typed(Object value) {
        if (value instanceof Document document) {
            return document.entrySet().stream()
                    .map(entry -> entry.getKey() + "=" + typed(entry.getValue()))
                    .collect(Collectors.joining(", ", "Document{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream()
                    .map(BsonConversionTest::typed)
                    .collect(Collectors.joining(", ", value.getClass().getSimpleName() + "[", "]"));
        }
        if (value == null) {
            return "null";
        }
        return value.getClass().getName() + ":" + contents(value);
    }

    private static String contents(Object value) {
        if (value instanceof Double number) {
            return number + "/" + Long.toHexString(Double.doubleToRawLongBits(number));
        } else if (value instanceof BinData binary) {
            return Arrays.toString(binary.getData());
        } else if (value instanceof LegacyUUID legacy) {
            return legacy.getUuid().toString();
        } else if (value instanceof Decimal128 decimal) {
            return decimal.getHigh() + "/" + decimal.getLow();
        } else if (value instanceof BsonTimestamp timestamp) {
            return String.valueOf(timestamp.getValue());
        } else if (value instanceof BsonRegularExpression regex) {
            return regex.getPattern() + "/" + regex.getOptions();
        } else if (value instanceof BsonJavaScript javaScript) {
            return javaScript.getCode();
        } else if (value instanceof MinKey || value instanceof MaxKey) {
            return "";
        }
        return value.toString();
    }
}
