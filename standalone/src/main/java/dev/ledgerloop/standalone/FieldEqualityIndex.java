package dev.ledgerloop.standalone;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * A non-unique index on one top-level field, kept in the H2 store next to the documents (so a commit holds both
 * as of the same command), which answers one question: the positions of the documents that may have the field
 * equal to a given string. mongo-java-server's H2 backend ignores such indexes, so {@code updateMany(eq("sessionId",
 * …))} scanned the collection; {@link EqualityLookupCollection} asks this index instead and applies the whole filter
 * to the documents it names.
 *
 * <p>Every document has one entry, keyed by what it holds in the field and its position: a string under itself; an
 * array or embedded document, which a string may match by other rules (an array's elements), under {@link
 * #ANY_STRING}, returned for every string; anything else (missing, null, a number…), which equals no string, under
 * {@link #NO_STRING}. One entry per document also lets a restart tell an index the file does not keep up to date
 * (written by a server that ignored it) from one it does: their sizes differ from the collection's.
 */
final class FieldEqualityIndex extends Index<Object> implements MovableIndex {
    private static final Integer NO_STRING = 0;
    private static final Integer ANY_STRING = 1;
    private static final String ID_FIELD = "_id";

    private final String field;
    private final MVMap<Object[], Object> entries;

    FieldEqualityIndex(String name, IndexKey key, boolean sparse, MVMap<Object[], Object> entries) {
        super(name, List.of(key), sparse);
        this.field = key.getKey();
        this.entries = entries;
    }

    /** Whether such an index can answer for {@code keys}: one field, not a path into embedded documents. */
    static boolean serves(List<IndexKey> keys) {
        return keys.size() == 1 && !keys.get(0).getKey().contains(".");
    }

    String field() {
        return field;
    }

    /** The positions of every document whose field may equal {@code value}, and of no other, in no set order. */
    private synchronized List<Object> positionsOf(String value) {
        List<Object> positions = new ArrayList<>();
        collect(value, positions);
        collect(ANY_STRING, positions);
        return positions;
    }

    private void collect(Object group, List<Object> positions) {
        Cursor<Object[], Object> cursor = entries.cursor(new Object[] {group});
        while (cursor.hasNext()) {
            Object[] key = cursor.next();
            if (!group.equals(key[0])) {
                return;
            }
            positions.add(cursor.getValue());
        }
    }

    private Object groupOf(Document document) {
        Object value = document.get(field);
        if (value instanceof String) {
            return value;
        }
        if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
            return ANY_STRING;
        }
        return NO_STRING;
    }

    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        entries.put(new Object[] {groupOf(document), position}, position);
    }

    @Override
    public synchronized Object remove(Document document) {
        return entries.remove(new Object[] {groupOf(document), document.get(ID_FIELD)});
    }

    @Override
    public synchronized void updateInPlace(
            Document oldDocument, Document newDocument, Object position, MongoCollection<Object> collection) {
        Object oldGroup = groupOf(oldDocument);
        Object newGroup = groupOf(newDocument);
        if (!Objects.equals(oldGroup, newGroup)) {
            entries.remove(new Object[] {oldGroup, position});
            entries.put(new Object[] {newGroup, position}, position);
        }
    }

    @Override
    public synchronized void moveTo(String namespace) {
        entries.getStore().renameMap(entries, StoreLayout.index(namespace, getName()));
    }

    synchronized void clear() {
        entries.clear();
    }

    /** Not unique: it names no single document ({@code null} is what the collection skips). */
    @Override
    public Object getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {}

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {}

    /**
     * The collection's own query planning passes it by: it would hand over whole filters. {@link
     * EqualityLookupCollection} asks {@link #getPositions} with the one equality it found in a filter.
     */
    @Override
    public boolean canHandle(Document query) {
        return false;
    }

    /** @param query {@code {<field>: <string>}}: the documents whose field may equal the string */
    @Override
    public Iterable<Object> getPositions(Document query) {
        if (query.size() != 1 || !(query.get(field) instanceof String value)) {
            throw new IllegalArgumentException("This index answers {" + field + ": <string>}, not " + query.keySet());
        }
        return positionsOf(value);
    }

    @Override
    public long getCount() {
        return entries.sizeAsLong();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {}
}
