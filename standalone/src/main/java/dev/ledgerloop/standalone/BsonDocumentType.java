package dev.ledgerloop.standalone;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * The documents of a collection in the H2 store, written as BSON with mongo-java-server's own codec: what the server
 * decodes from the wire and encodes back to it, so a document reads back with the same Java types it was stored
 * with.
 *
 * <p>mongo-java-server's H2 backend leaves values to H2's default type, which writes a document as its Java
 * serialization and reads each one with an {@code ObjectInputStream} of its own: every page the store reads (a
 * look-up that misses H2's cache reads the whole page, dozens of documents) and every page a commit writes paid for
 * it. Every document reaching the map has been BSON-encoded once already (mongo-java-server sizes each document it
 * stores that way), so none the codec cannot write gets this far.
 */
final class BsonDocumentType extends BasicDataType<Document> {
    private static final int OBJECT_OVERHEAD = 24;

    @Override
    public void write(WriteBuffer buffer, Document document) {
        ByteBuf bson = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, bson);
            buffer.put(bson.array(), bson.arrayOffset() + bson.readerIndex(), bson.readableBytes());
        } finally {
            bson.release();
        }
    }

    @Override
    public Document read(ByteBuffer buffer) {
        int start = buffer.position();
        int length = Integer.reverseBytes(buffer.getInt(start));
        ByteBuf bson;
        if (buffer.hasArray()) {
            bson = Unpooled.wrappedBuffer(buffer.array(), buffer.arrayOffset() + start, length);
        } else {
            byte[] copy = new byte[length];
            buffer.get(start, copy);
            bson = Unpooled.wrappedBuffer(copy);
        }
        Document document = BsonDecoder.decodeBson(bson);
        buffer.position(start + length);
        return document;
    }

    /** An estimate of the document's size on the heap, for H2's cache; H2 asks for a sample of the documents. */
    @Override
    public int getMemory(Document document) {
        return estimate(document);
    }

    private static int estimate(Object value) {
        if (value instanceof String string) {
            return OBJECT_OVERHEAD + 16 + string.length();
        }
        if (value instanceof Map<?, ?> map) {
            int memory = 2 * OBJECT_OVERHEAD + 16 * map.size();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                memory += OBJECT_OVERHEAD + estimate(entry.getKey()) + estimate(entry.getValue());
            }
            return memory;
        }
        if (value instanceof Collection<?> collection) {
            int memory = 2 * OBJECT_OVERHEAD + 8 * collection.size();
            for (Object element : collection) {
                memory += estimate(element);
            }
            return memory;
        }
        if (value instanceof BinData data) {
            return 2 * OBJECT_OVERHEAD + data.getData().length;
        }
        return OBJECT_OVERHEAD;
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
