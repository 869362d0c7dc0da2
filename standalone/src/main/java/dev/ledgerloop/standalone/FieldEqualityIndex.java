package dev.ledgerloop.standalone;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import dev.ledgerloop.query.inprocess.EqualityIndex;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * An {@link EqualityIndex} kept in the H2 store next to the documents, so a commit holds both as of the same command.
 * Every document has one entry, keyed by its group and its position; one entry per document also lets a restart tell
 * an index the file does not keep up to date (written by a server that ignored it) from one it does: their sizes
 * differ from the collection's.
 */
final class FieldEqualityIndex extends EqualityIndex<Object> implements MovableIndex {
    private static final String ID_FIELD = "_id";

    private final MVMap<Object[], Object> entries;

    FieldEqualityIndex(String name, IndexKey key, boolean sparse, MVMap<Object[], Object> entries) {
        super(name, key, sparse);
        this.entries = entries;
    }

    @Override
    protected synchronized List<Object> positionsOf(String value) {
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

    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        enter(groupOf(document), position);
    }

    @Override
    public synchronized Object remove(Document document) {
        return entries.remove(new Object[] {groupOf(document), document.get(ID_FIELD)});
    }

    @Override
    protected void enter(Object group, Object position) {
        entries.put(new Object[] {group, position}, position);
    }

    @Override
    protected void leave(Object group, Object position) {
        entries.remove(new Object[] {group, position});
    }

    @Override
    public synchronized void moveTo(String namespace) {
        entries.getStore().renameMap(entries, StoreLayout.index(namespace, getName()));
    }

    synchronized void clear() {
        entries.clear();
    }

    @Override
    public long getCount() {
        return entries.sizeAsLong();
    }

    @Override
    public void drop() {}
}
