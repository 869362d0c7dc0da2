package dev.ledgerloop.standalone;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The keys of a unique index in the H2 store, written and compared value by value with H2's own types: a string
 * as a string, a number as a number, and only what H2 has no type for (an embedded document, an ObjectId) as its
 * Java serialisation.
 *
 * <p>mongo-java-server's H2 backend stores a key as one serialised {@link KeyValue}, which H2 compares by
 * serialising both sides; every look-up of a document by id, every insert and every update paid that at each step
 * of the tree's binary search, and every page read deserialised a page of such objects (hundreds of kilobytes of
 * garbage per look-up). The order differs from that one, so a file's index written the other way is rebuilt, never
 * read with this type ({@link UniqueKeyIndex}). One instance per map (see {@link #values}).
 */
final class KeyValueType extends BasicDataType<KeyValue> {
    private static final int OBJECT_OVERHEAD = 24;

    /**
     * H2's type of values keeps the kind it met last between calls, which another thread's call may change mid-way:
     * one per map, as H2 gives each map of its own, and each map is used by one command at a time.
     */
    private final ObjectDataType values = new ObjectDataType();

    @Override
    public int getMemory(KeyValue key) {
        int memory = OBJECT_OVERHEAD;
        for (Object value : key) {
            memory += values.getMemory(value);
        }
        return memory;
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        buffer.putVarInt(key.size());
        for (Object value : key) {
            values.write(buffer, value);
        }
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        int size = DataUtils.readVarInt(buffer);
        List<Object> read = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            read.add(values.read(buffer));
        }
        return new KeyValue(read);
    }

    @Override
    public int compare(KeyValue a, KeyValue b) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int order = values.compare(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }
}
