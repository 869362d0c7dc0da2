package dev.ledgerloop.standalone;

import static dev.ledgerloop.query.inprocess.EqualityFilters.candidates;
import static dev.ledgerloop.query.inprocess.EqualityFilters.requiredEquality;
import static dev.ledgerloop.query.inprocess.EqualityFilters.stringsIn;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.h2.mvstore.MVMap;

/**
 * An H2 collection that serves a query, update or delete whose filter requires a field to equal a value from an
 * index on that field, and applies the whole filter to the documents the index names: {@code _id} (the {@code _id}
 * index), every field of another unique index, or a string in a field with a {@link FieldIndex}; or whose filter
 * requires a field with a {@link FieldIndex} to hold a date in a range ({@link DateRange}), in that field's order.
 *
 * <p>mongo-java-server uses an index only for a filter on its fields alone, and its H2 backend ignores non-unique
 * indexes: {@code {_id: x, version: {$lt: n}}} (every guarded view update) and {@code updateMany(eq("sessionId",
 * …))} scanned the whole collection, so replaying a log took time quadratic in the size of the views. The result is
 * the scan's: a document matching the filter matches that equality, the index names every document that may, and
 * the filter itself still decides.
 *
 * <p>A string {@code _id}, or {@code $in} of strings, needs no index at all: H2Collection keys its documents by
 * their id.
 *
 * <p>A stored document is never changed in place: an update changes a copy and stores that. mongo-java-server's
 * update changes the document its look-up found, the very object the map holds, while a query answers the objects
 * it matched and encodes them for the wire after it has let go of the collection: a reader was sent a document as a
 * concurrent update left it, one its filter did not match (docs/architecture.md, decisions).
 */
class EqualityLookupCollection extends H2Collection {
    private final MVMap<Object, Document> documents;
    private final MVMap<String, Object> meta;
    /** Updates running on this collection, changed under its monitor: their look-ups answer copies. */
    private int updating;
    /** While a fill inserts: it sizes its documents itself. */
    private boolean sizedByAFill;

    EqualityLookupCollection(
            MongoDatabase database,
            String collectionName,
            CollectionOptions options,
            MVMap<Object, Document> dataMap,
            MVMap<String, Object> metaMap,
            CursorRegistry cursorRegistry) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
        this.documents = dataMap;
        this.meta = metaMap;
    }

    @Override
    public synchronized Document updateDocuments(
            Document selector,
            Document updateQuery,
            ArrayFilters arrayFilters,
            boolean isMulti,
            boolean isUpsert,
            Oplog oplog) {
        updating++;
        try {
            return super.updateDocuments(selector, updateQuery, arrayFilters, isMulti, isUpsert, oplog);
        } finally {
            updating--;
        }
    }

    @Override
    public synchronized Document findAndModify(Document query) {
        updating++;
        try {
            return super.findAndModify(query);
        } finally {
            updating--;
        }
    }

    @Override
    protected QueryResult createQueryResult(List<Document> matchedDocuments, int batchSize) {
        if (updating == 0) {
            return super.createQueryResult(matchedDocuments, batchSize);
        }
        List<Document> copies =
                matchedDocuments.stream().map(Document::cloneDeeply).toList();
        return super.createQueryResult(copies, batchSize);
    }

    /** Takes the maps of its documents and of its indexes along to the new name. */
    @Override
    public void renameTo(MongoDatabase newDatabase, String newCollectionName) {
        super.renameTo(newDatabase, newCollectionName);
        String namespace = getFullName();
        documents.getStore().renameMap(documents, StoreLayout.documents(namespace));
        meta.getStore().renameMap(meta, StoreLayout.meta(namespace));
        for (Index<Object> index : getIndexes()) {
            if (index instanceof MovableIndex movable) {
                movable.moveTo(namespace);
            }
        }
    }

    @Override
    protected QueryResult queryDocuments(
            Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
        Optional<Iterable<Object>> candidates = byStringId(query).or(() -> candidates(getIndexes(), query));
        if (candidates.isPresent()) {
            return matchDocuments(query, candidates.get(), orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        for (Index<Object> index : getIndexes()) {
            if (index instanceof FieldIndex fieldIndex) {
                Optional<DateRange> range = DateRange.requiredBy(query, fieldIndex.field());
                if (range.isPresent()) {
                    Iterable<Object> positions = fieldIndex.positionsBetween(
                            range.get().from(), range.get().to());
                    Document order = isAscending(orderBy, fieldIndex.field()) && fieldIndex.holdsOnlyPlainValues()
                            ? null
                            : orderBy;
                    return matchDocuments(query, positions, order, numberToSkip, limit, batchSize, fieldSelector);
                }
            }
        }
        return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /**
     * Whether {@code orderBy} sorts by {@code field} ascending alone, the order in which a range's positions come:
     * then they are not sorted, so a limit stops the look-up after as many matches (the delivery schedule's "the
     * next due" read one document instead of every delivery ever made).
     */
    private static boolean isAscending(Document orderBy, String field) {
        return orderBy != null
                && orderBy.size() == 1
                && orderBy.get(field) instanceof Number direction
                && direction.intValue() == 1;
    }

    /** The indexes a collection had, in order, and the field indexes among them that were taken off it. */
    record FieldIndexesAside(List<Index<Object>> indexes, List<FieldIndex> aside) {}

    /**
     * Starts a fill ({@link EmbeddedMongo#fill}): the documents inserted meanwhile are sized by the fill, not here
     * ({@link #addToDataSize}), and, if the collection is empty, enter none of its field indexes, which this takes off
     * it; with documents in it, it takes none off.
     */
    synchronized FieldIndexesAside startFilling() {
        sizedByAFill = true;
        List<Index<Object>> indexes = List.copyOf(getIndexes());
        if (!isEmpty()) {
            return new FieldIndexesAside(indexes, List.of());
        }
        List<FieldIndex> aside = indexes.stream()
                .filter(FieldIndex.class::isInstance)
                .map(FieldIndex.class::cast)
                .toList();
        getIndexes().removeAll(aside);
        return new FieldIndexesAside(indexes, aside);
    }

    /** Ends a fill: puts the indexes {@link #startFilling} took off back, in the order they had among the others. */
    synchronized void endFilling(FieldIndexesAside indexes) {
        getIndexes().clear();
        getIndexes().addAll(indexes.indexes());
        sizedByAFill = false;
    }

    synchronized void addToDataSize(int bytes) {
        updateDataSize(bytes);
    }

    @Override
    protected boolean tracksDataSize() {
        return !sizedByAFill && super.tracksDataSize();
    }

    /**
     * A secondary index whose entries do not match the documents (one entry each) was not kept up to date by
     * whoever wrote the file (mongo-java-server's own H2 backend ignores such indexes): built afresh.
     */
    @Override
    public void addIndex(Index<Object> index) {
        if (index instanceof FieldIndex fieldIndex && fieldIndex.getCount() != count()) {
            fieldIndex.clear();
        }
        super.addIndex(index);
    }

    /**
     * The position of the document a filter's string {@code _id} names. H2Collection stores each document under its
     * id as given: a string id is its own position, found without the {@code _id} index. Other ids go through the
     * index ({@link dev.ledgerloop.query.inprocess.EqualityFilters#candidates}), which matches them as MongoDB does ({@code 1} finds {@code 1.0}).
     */
    private Optional<Iterable<Object>> byStringId(Document query) {
        String idField = getIdField();
        if (idField == null) {
            return Optional.empty();
        }
        Optional<Iterable<Object>> strings = stringsIn(query.get(idField)).map(ids -> ids);
        if (strings.isPresent()) {
            return strings;
        }
        return requiredEquality(query, idField).filter(String.class::isInstance).<Iterable<Object>>map(List::of);
    }

    /** The documents at these positions that are there: a string id names a position that may hold none. */
    @Override
    protected QueryResult matchDocuments(
            Document query,
            Iterable<Object> positions,
            Document orderBy,
            int numberToSkip,
            int limit,
            int batchSize,
            Document fieldSelector) {
        Stream<Document> documents = StreamSupport.stream(positions.spliterator(), false)
                .map(this::getDocument)
                .filter(Objects::nonNull);
        return matchDocumentsFromStream(documents, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }
}
