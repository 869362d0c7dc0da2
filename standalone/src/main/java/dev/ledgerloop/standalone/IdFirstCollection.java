package dev.ledgerloop.standalone;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import java.util.Optional;
import org.h2.mvstore.MVMap;

/**
 * An H2 collection that serves a query, update or delete whose filter requires {@code _id} to equal a value from the
 * {@code _id} index, and applies the whole filter to the one document found there.
 *
 * <p>mongo-java-server uses the index only for a filter on {@code _id} alone; {@code {_id: x, version: {$lt: n}}}
 * (every guarded view update) scanned the whole collection, so replaying a log took time quadratic in the size of
 * the views. The result is the scan's: a document matching the filter matches its {@code _id} equality, which the
 * index answers as it does for {@code {_id: x}} alone, and the filter itself still decides.
 */
class IdFirstCollection extends H2Collection {
    IdFirstCollection(
            MongoDatabase database,
            String collectionName,
            CollectionOptions options,
            MVMap<Object, Document> dataMap,
            MVMap<String, Object> metaMap,
            CursorRegistry cursorRegistry) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
    }

    @Override
    protected QueryResult queryDocuments(
            Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
        String idField = getIdField();
        Optional<Index<Object>> idIndex = idField == null ? Optional.empty() : uniqueIndexOn(idField);
        Optional<Object> id = idField == null ? Optional.empty() : requiredEquality(query, idField);
        if (idIndex.isPresent() && id.isPresent()) {
            Iterable<Object> positions = idIndex.get().getPositions(new Document(idField, id.get()));
            return matchDocuments(query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    private Optional<Index<Object>> uniqueIndexOn(String field) {
        return getIndexes().stream()
                .filter(Index::isUnique)
                .filter(index -> index.getKeys().size() == 1
                        && index.getKeys().get(0).getKey().equals(field))
                .findFirst();
    }

    /**
     * The value {@code field} must equal for a document to match {@code query}: the field's own condition or one
     * under a top-level {@code $and}, when it is a plain value. Not an operator or embedded document, a regular
     * expression, an array or null: those match by other rules than equality of the index key.
     */
    private static Optional<Object> requiredEquality(Document query, String field) {
        Object value = query.get(field);
        if (value != null && isPlainValue(value)) {
            return Optional.of(value);
        }
        if (query.get("$and") instanceof Collection<?> conjuncts) {
            for (Object conjunct : conjuncts) {
                if (conjunct instanceof Document condition) {
                    Optional<Object> found = requiredEquality(condition, field);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isPlainValue(Object value) {
        return !(value instanceof Document)
                && !(value instanceof Collection<?>)
                && !BsonRegularExpression.isRegularExpression(value)
                && !(value instanceof de.bwaldvogel.mongo.backend.Missing);
    }
}
