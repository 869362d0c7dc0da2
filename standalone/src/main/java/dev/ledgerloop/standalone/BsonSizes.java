package dev.ledgerloop.standalone;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The size of a document as mongo-java-server's BSON encoder writes it, which the server measures by encoding the
 * document into a buffer ({@link #encodedSize}), summed from the values' types and lengths instead. A
 * collection keeps the sizes of its documents for {@code collStats}; a rebuild's copy sized every document that way
 * only to encode it again at the next commit. Values of the usual types are summed; a document holding anything else
 * is sized by the server's own encoding.
 */
final class BsonSizes {
    private static final int UNKNOWN = -1;
    private static final int LENGTH = 4;
    private static final int TYPE = 1;
    private static final int TERMINATOR = 1;

    private BsonSizes() {}

    static int of(Document document) {
        int size = documentSize(document);
        return size != UNKNOWN ? size : encodedSize(document);
    }

    /** The server's own measure: the document encoded into a buffer. */
    static int encodedSize(Document document) {
        ByteBuf buffer = Unpooled.buffer();
        try {
            BsonEncoder.encodeDocument(document, buffer);
            return buffer.writerIndex();
        } finally {
            buffer.release();
        }
    }

    private static int documentSize(Map<?, ?> document) {
        int size = LENGTH + TERMINATOR;
        for (Map.Entry<?, ?> entry : document.entrySet()) {
            int value = valueSize(entry.getValue());
            if (value == UNKNOWN || !(entry.getKey() instanceof String name)) {
                return UNKNOWN;
            }
            size += TYPE + utf8Length(name) + TERMINATOR + value;
        }
        return size;
    }

    /** The encoder's types are distinct but for a document, which is also a map and is encoded as one. */
    private static int valueSize(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Map<?, ?> map) {
            return documentSize(map);
        }
        if (value instanceof ObjectId) {
            return 12;
        }
        if (value instanceof Integer) {
            return 4;
        }
        if (value instanceof Long || value instanceof Double || value instanceof Instant) {
            return 8;
        }
        if (value instanceof String string) {
            return LENGTH + utf8Length(string) + TERMINATOR;
        }
        if (value instanceof Boolean) {
            return 1;
        }
        if (value instanceof BinData data) {
            return LENGTH + 1 + data.getData().length;
        }
        if (value instanceof List<?> list) {
            return arraySize(list);
        }
        return UNKNOWN;
    }

    /** An array is encoded as a document whose names are the elements' indexes. */
    private static int arraySize(List<?> list) {
        int size = LENGTH + TERMINATOR;
        for (int index = 0; index < list.size(); index++) {
            int value = valueSize(list.get(index));
            if (value == UNKNOWN) {
                return UNKNOWN;
            }
            size += TYPE + Integer.toString(index).length() + TERMINATOR + value;
        }
        return size;
    }

    /** The encoder's {@code getBytes(UTF_8)} length, which writes an unpaired surrogate as one byte. */
    private static int utf8Length(String string) {
        for (int i = 0; i < string.length(); i++) {
            if (string.charAt(i) >= 0x80) {
                return string.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return string.length();
    }
}
