package dev.ledgerloop.query.history;

import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import java.util.Map;

/**
 * An estimate of the heap a document of the in-process store takes, for the bound on kept fold checkpoints: object
 * headers, the map's entries, and each value by its kind. An estimate on the generous side, not a measurement: what it
 * bounds is the order of magnitude of what the checkpoints hold.
 */
final class DocumentFootprint {
    private static final long OBJECT = 16;
    private static final long REFERENCE = 8;
    private static final long MAP = 64;
    private static final long MAP_ENTRY = 40;
    private static final long STRING = 40;
    private static final long BOXED = 24;

    private DocumentFootprint() {}

    static long of(Document document) {
        long bytes = MAP;
        for (Map.Entry<String, Object> field : document.entrySet()) {
            bytes += MAP_ENTRY + of(field.getKey()) + of(field.getValue());
        }
        return bytes;
    }

    private static long of(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Document document) {
            return of(document);
        }
        if (value instanceof CharSequence text) {
            return STRING + text.length();
        }
        if (value instanceof byte[] bytes) {
            return OBJECT + bytes.length;
        }
        if (value instanceof Collection<?> values) {
            long bytes = OBJECT + REFERENCE * values.size();
            for (Object element : values) {
                bytes += of(element);
            }
            return bytes;
        }
        return BOXED;
    }
}
