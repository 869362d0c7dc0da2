package dev.ledgerloop.query.inprocess;

import de.bwaldvogel.mongo.bson.Document;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A driver's {@code org.bson.Document} of plain values straight in the server's form: what the driver's default
 * codecs would write of it for an insert (its {@code _id} first) and {@link ServerValues} would then read, without
 * the intermediate BSON tree (docs/replay.md §The scratch store). Plain values are strings, 32- and 64-bit integers,
 * doubles, booleans, {@link Date}s, nulls, and maps and lists of them; a document holding anything else is left to
 * the codecs ({@link Optional#empty()}), which decide how it is written or refused.
 */
final class PlainDocuments {
    private static final String ID = "_id";
    private static final Object NOT_PLAIN = new Object();

    private PlainDocuments() {}

    static Optional<Document> serverForm(Object document) {
        if (document.getClass() != org.bson.Document.class) {
            return Optional.empty();
        }
        Object server = document((org.bson.Document) document, ID);
        return server == NOT_PLAIN ? Optional.empty() : Optional.of((Document) server);
    }

    private static boolean put(Document server, String key, Object value) {
        Object converted = value(value);
        if (converted == NOT_PLAIN) {
            return false;
        }
        server.put(key, converted);
        return true;
    }

    private static Object value(Object value) {
        if (value == null
                || value instanceof String
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Double
                || value instanceof Boolean) {
            return value;
        }
        if (value.getClass() == Date.class) {
            return Instant.ofEpochMilli(((Date) value).getTime());
        }
        if (value instanceof Map<?, ?> map) {
            return document(map, null);
        }
        if (value instanceof List<?> list) {
            List<Object> server = new ArrayList<>(list.size());
            for (Object element : list) {
                Object converted = value(element);
                if (converted == NOT_PLAIN) {
                    return NOT_PLAIN;
                }
                server.add(converted);
            }
            return server;
        }
        return NOT_PLAIN;
    }

    /**
     * A document: its fields in their order, {@code first} (the top level's {@code _id}; null in a nested document,
     * where an {@code _id} stays where it stands) before them.
     */
    private static Object document(Map<?, ?> map, String first) {
        Document server = new Document();
        if (first != null && map.containsKey(first) && !put(server, first, map.get(first))) {
            return NOT_PLAIN;
        }
        for (Map.Entry<?, ?> field : map.entrySet()) {
            if (!(field.getKey() instanceof String key)) {
                return NOT_PLAIN;
            }
            if (!key.equals(first) && !put(server, key, field.getValue())) {
                return NOT_PLAIN;
            }
        }
        return server;
    }
}
