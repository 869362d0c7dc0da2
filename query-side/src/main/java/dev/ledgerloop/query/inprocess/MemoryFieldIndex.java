package dev.ledgerloop.query.inprocess;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An {@link EqualityIndex} of a memory collection ({@link IndexedMemoryBackend}), in plain maps. */
final class MemoryFieldIndex extends EqualityIndex<Integer> {
    private static final String ID_FIELD = "_id";

    private final Map<Object, Set<Integer>> positionsByGroup = new HashMap<>();
    /** Where each document is, by its id: a removal names the document, not its position. */
    private final Map<Object, Integer> positionsById = new HashMap<>();

    MemoryFieldIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
    }

    @Override
    protected synchronized List<Integer> positionsOf(String value) {
        List<Integer> positions = new ArrayList<>(positionsByGroup.getOrDefault(value, Set.of()));
        positions.addAll(positionsByGroup.getOrDefault(ANY_STRING, Set.of()));
        return positions;
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
    protected void enter(Object group, Integer position) {
        positionsByGroup.computeIfAbsent(group, any -> new LinkedHashSet<>()).add(position);
    }

    @Override
    protected void leave(Object group, Integer position) {
        Set<Integer> positions = positionsByGroup.get(group);
        if (positions != null && positions.remove(position) && positions.isEmpty()) {
            positionsByGroup.remove(group);
        }
    }

    @Override
    public synchronized long getCount() {
        return positionsById.size();
    }

    @Override
    public synchronized void drop() {
        positionsByGroup.clear();
        positionsById.clear();
    }
}
