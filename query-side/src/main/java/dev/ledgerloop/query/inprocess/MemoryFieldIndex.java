package dev.ledgerloop.query.inprocess;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A non-unique index on one top-level field of a memory collection, answering one question: the positions of the
 * documents that may have the field equal to a given string ({@link IndexedMemoryBackend}; mongo-java-server's memory
 * backend ignores non-unique indexes, so {@code updateMany(eq("sessionId", …))} scanned the collection).
 *
 * <p>Every document is kept under what it holds in the field: a string under itself; an array or embedded document,
 * which a string may match by other rules (an array's elements), under {@link #ANY_STRING}, returned for every string;
 * anything else (missing, null, a number…), which equals no string, under nothing at all.
 */
final class MemoryFieldIndex extends Index<Integer> {
    private static final Object ANY_STRING = new Object();
    private static final String ID_FIELD = "_id";

    private final String field;
    private final Map<Object, Set<Integer>> positionsByValue = new HashMap<>();
    /** Where each document is, by its id: a removal names the document, not its position. */
    private final Map<Object, Integer> positionsById = new HashMap<>();

    MemoryFieldIndex(String name, IndexKey key, boolean sparse) {
        super(name, List.of(key), sparse);
        this.field = key.getKey();
    }

    /** Whether such an index can answer for {@code keys}: one field, not a path into embedded documents. */
    static boolean serves(List<IndexKey> keys) {
        return keys.size() == 1 && !keys.get(0).getKey().contains(".");
    }

    String field() {
        return field;
    }

    private Object groupOf(Document document) {
        Object value = document.get(field);
        if (value instanceof String) {
            return value;
        }
        if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
            return ANY_STRING;
        }
        return null;
    }

    @Override
    public synchronized void add(Document document, Integer position, MongoCollection<Integer> collection) {
        positionsById.put(document.get(ID_FIELD), position);
        enter(groupOf(document), position);
    }

    @Override
    public synchronized Integer remove(Document document) {
        Integer position = positionsById.remove(document.get(ID_FIELD));
        if (position != null) {
            leave(groupOf(document), position);
        }
        return position;
    }

    @Override
    public synchronized void updateInPlace(
            Document oldDocument, Document newDocument, Integer position, MongoCollection<Integer> collection) {
        Object oldGroup = groupOf(oldDocument);
        Object newGroup = groupOf(newDocument);
        if (!Objects.equals(oldGroup, newGroup)) {
            leave(oldGroup, position);
            enter(newGroup, position);
        }
    }

    private void enter(Object group, Integer position) {
        if (group != null) {
            positionsByValue
                    .computeIfAbsent(group, any -> new LinkedHashSet<>())
                    .add(position);
        }
    }

    private void leave(Object group, Integer position) {
        if (group == null) {
            return;
        }
        Set<Integer> positions = positionsByValue.get(group);
        if (positions != null && positions.remove(position) && positions.isEmpty()) {
            positionsByValue.remove(group);
        }
    }

    /** Not unique: it names no single document ({@code null} is what the collection skips). */
    @Override
    public Integer getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Integer> collection) {}

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Integer> collection) {}

    /** The collection's own query planning passes it by: it would hand over whole filters. */
    @Override
    public boolean canHandle(Document query) {
        return false;
    }

    /** @param query {@code {<field>: <string>}}: the positions of the documents whose field may equal the string */
    @Override
    public synchronized Iterable<Integer> getPositions(Document query) {
        if (query.size() != 1 || !(query.get(field) instanceof String value)) {
            throw new IllegalArgumentException("This index answers {" + field + ": <string>}, not " + query.keySet());
        }
        List<Integer> positions = new ArrayList<>(positionsByValue.getOrDefault(value, Set.of()));
        positions.addAll(positionsByValue.getOrDefault(ANY_STRING, Set.of()));
        return positions;
    }

    @Override
    public synchronized long getCount() {
        return positionsById.size();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public synchronized void drop() {
        positionsByValue.clear();
        positionsById.clear();
    }
}
