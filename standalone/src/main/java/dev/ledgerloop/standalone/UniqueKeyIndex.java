package dev.ledgerloop.standalone;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A unique index (the {@code _id} index among them) whose keys the H2 store compares value by value ({@link
 * KeyValueType}), kept in a map of its own name: {@code <namespace>._keys_<index>}. mongo-java-server's H2 backend
 * keeps the same index under {@code <namespace>._index_<index>} with keys of another order; opening a file that has
 * that map (written by that backend, or by an older Ledgerloop after this one) drops it and builds this one afresh
 * from the documents, which the collection does for an empty index.
 */
final class UniqueKeyIndex extends AbstractUniqueIndex<Object> implements MovableIndex {
    private static final Logger log = LoggerFactory.getLogger(UniqueKeyIndex.class);
    private static final AtomicBoolean CONVERTING = new AtomicBoolean();

    private final MVMap<KeyValue, Object> entries;

    private UniqueKeyIndex(MVMap<KeyValue, Object> entries, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.entries = entries;
    }

    static UniqueKeyIndex open(MVStore store, String namespace, String name, List<IndexKey> keys, boolean sparse) {
        MVMap<KeyValue, Object> entries =
                store.openMap(StoreLayout.uniqueKeys(namespace, name), StoreLayout.uniqueKeyTypes());
        String otherLayout = StoreLayout.index(namespace, name);
        if (store.hasMap(otherLayout)) {
            if (!CONVERTING.getAndSet(true)) {
                log.info("Rebuilding the embedded MongoDB's unique indexes from their documents, once (a data directory"
                        + " written by another version); a large one takes a minute or more");
            }
            entries.clear();
            store.removeMap(otherLayout);
        }
        return new UniqueKeyIndex(entries, name, keys, sparse);
    }

    @Override
    public void moveTo(String namespace) {
        entries.getStore().renameMap(entries, StoreLayout.uniqueKeys(namespace, getName()));
    }

    @Override
    protected Object removeDocument(KeyValue key) {
        return entries.remove(key);
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
        return entries.putIfAbsent(key, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return entries.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue key) {
        return entries.get(key);
    }

    @Override
    public long getCount() {
        return entries.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
