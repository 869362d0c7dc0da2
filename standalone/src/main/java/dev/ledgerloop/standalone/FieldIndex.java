package dev.ledgerloop.standalone;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import dev.ledgerloop.query.inprocess.EqualityIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A non-unique index on one field or led by one (a compound index's first field), kept in the H2 store next to the documents, so a commit holds both as of the same
 * command. It answers two questions: the documents whose field may equal a string (an {@link EqualityIndex}), and,
 * in the field's order, the documents whose field may hold a date within a range ({@link #positionsBetween}).
 *
 * <p>Every document has one entry, keyed by its group and its position: a string under itself, a date under its
 * epoch milliseconds (a {@code Long}, which no other value's group is, so the dates lie together in time order), an
 * array or embedded document under {@link #ANY_STRING}, anything else under {@link #NO_STRING}. One entry per document
 * also lets a restart tell an index the file does not keep up to date (written by a server that ignored it) from one
 * it does: their sizes differ from the collection's.
 */
final class FieldIndex extends EqualityIndex<Object> implements MovableIndex {
    private static final Logger log = LoggerFactory.getLogger(FieldIndex.class);
    private static final String ID_FIELD = "_id";

    private final MVMap<Object[], Object> entries;

    private FieldIndex(String name, List<IndexKey> keys, boolean sparse, MVMap<Object[], Object> entries) {
        super(name, keys, sparse);
        this.entries = entries;
    }

    /**
     * Opens the index's map, {@code <namespace>._field_index_<index>}. Older versions kept it, without the dates'
     * groups, under {@code <namespace>._index_<index>}: that map is dropped, and the collection builds this one
     * afresh from its documents, as it does for every empty index.
     */
    static FieldIndex open(MVStore store, String namespace, String name, List<IndexKey> keys, boolean sparse) {
        MVMap<Object[], Object> entries = store.openMap(StoreLayout.fieldIndex(namespace, name));
        String olderLayout = StoreLayout.index(namespace, name);
        if (store.hasMap(olderLayout)) {
            log.debug("Rebuilding the index {} of {} in the layout with dates", name, namespace);
            entries.clear();
            store.removeMap(olderLayout);
        }
        return new FieldIndex(name, keys, sparse, entries);
    }

    @Override
    protected Object groupOf(Document document) {
        if (document.get(field()) instanceof Instant date) {
            return date.toEpochMilli();
        }
        return super.groupOf(document);
    }

    @Override
    protected synchronized List<Object> positionsOf(String value) {
        return Stream.concat(inGroup(value), inGroup(ANY_STRING)).toList();
    }

    /**
     * The positions of the documents whose field holds a date from {@code from} to {@code to} (each inclusive, null
     * for no bound), in the order of those dates, then of those whose field is an array or embedded document (which a
     * range may match by its elements). Read lazily from the map as it stands when the iteration starts: a caller
     * that stops early reads no further.
     */
    Iterable<Object> positionsBetween(Instant from, Instant to) {
        long first = from == null ? Long.MIN_VALUE : from.toEpochMilli();
        long last = to == null ? Long.MAX_VALUE : to.toEpochMilli();
        return () -> Stream.concat(
                        positionsFrom(first, group -> group instanceof Long millis && millis <= last),
                        inGroup(ANY_STRING))
                .iterator();
    }

    /** Whether a range's positions come in the field's order alone: no document's field is an array or document. */
    synchronized boolean holdsOnlyPlainValues() {
        return inGroup(ANY_STRING).findAny().isEmpty();
    }

    private Stream<Object> inGroup(Object group) {
        return positionsFrom(group, group::equals);
    }

    /** The positions of the entries from the first of group {@code start} on, for as long as their group goes on. */
    private Stream<Object> positionsFrom(Object start, Predicate<Object> goesOn) {
        Cursor<Object[], Object> cursor = entries.cursor(new Object[] {start});
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(cursor, Spliterator.ORDERED), false)
                .takeWhile(key -> goesOn.test(key[0]))
                .map(key -> key[1]);
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

    /**
     * The entries of {@code documents}, stored at their ids, in the order the map keeps its keys: entered in that
     * order ({@link #enterAll}), each goes after the last, and a commit between batches writes only the pages
     * added since the one before.
     */
    List<Object[]> sortedKeysOf(List<Document> documents) {
        List<Object[]> keys = new ArrayList<>(documents.size());
        for (Document document : documents) {
            keys.add(new Object[] {groupOf(document), document.get(ID_FIELD)});
        }
        DataType<Object[]> keyType = entries.getKeyType();
        keys.sort((a, b) -> compare(a, b, keyType));
        return keys;
    }

    /**
     * The map's order; two keys of strings (a string field's value and a string id, the usual entry) compared as the
     * map compares them without its type look-ups, which made sorting a view's entries cost more than entering them.
     */
    private static int compare(Object[] a, Object[] b, DataType<Object[]> keyType) {
        if (a[0] instanceof String groupA
                && b[0] instanceof String groupB
                && a[1] instanceof String idA
                && b[1] instanceof String idB) {
            int byGroup = groupA.compareTo(groupB);
            return byGroup != 0 ? byGroup : idA.compareTo(idB);
        }
        return keyType.compare(a, b);
    }

    /** Enters these keys (from {@link #sortedKeysOf}) for documents that were stored without this index. */
    synchronized void enterAll(List<Object[]> keys) {
        for (Object[] key : keys) {
            entries.put(key, key[1]);
        }
    }

    @Override
    public synchronized void moveTo(String namespace) {
        entries.getStore().renameMap(entries, StoreLayout.fieldIndex(namespace, getName()));
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
