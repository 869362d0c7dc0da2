package dev.ledgerloop.query.inprocess;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * What a filter requires a field to equal, for mongo-java-server collections that look documents up by it.
 * mongo-java-server uses an index only for a filter on the index's fields alone: {@code {_id: x, version: {$lt: n}}}
 * (every guarded view update) scans the collection. A collection that finds the equality here asks its index for the
 * documents that may match and applies the whole filter to those alone; the result is the scan's.
 */
public final class EqualityFilters {
    private EqualityFilters() {}

    /**
     * The value {@code field} must equal for a document to match {@code query}: the field's own condition or one
     * under a top-level {@code $and}, when it is a plain value. Not an operator or embedded document, a regular
     * expression, an array or null: those match by other rules than equality of the index key.
     */
    public static Optional<Object> requiredEquality(Document query, String field) {
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

    /** The strings of {@code {$in: [<string>, …]}}, each once: the ids of every document it may match. */
    public static Optional<List<Object>> stringsIn(Object condition) {
        if (condition instanceof Document operators
                && operators.size() == 1
                && operators.get("$in") instanceof Collection<?> values
                && values.stream().allMatch(String.class::isInstance)) {
            return Optional.of(List.copyOf(new LinkedHashSet<>(values)));
        }
        return Optional.empty();
    }

    /** The index's key as the filter requires it, when the filter requires a plain value for each of its fields. */
    public static Optional<Document> keyOf(Index<?> index, Document query) {
        Document key = new Document();
        for (IndexKey indexKey : index.getKeys()) {
            String field = indexKey.getKey();
            Optional<Object> value = field.contains(".") ? Optional.empty() : requiredEquality(query, field);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            key.put(field, value.get());
        }
        return Optional.of(key);
    }

    /**
     * The positions of the documents that may match {@code query}, from the first of {@code indexes} that can name
     * them: a unique index whose every field the filter requires to equal a plain value, else an {@link EqualityIndex}
     * whose field it requires to equal a string. Empty when none can: the collection scans. (Axon's token store
     * claims a token by processor and segment, its unique index, with conditions on the owner besides: without this,
     * every claim each processor segment renews every 5 s scanned the token collection.)
     */
    public static <P> Optional<Iterable<P>> candidates(List<Index<P>> indexes, Document query) {
        for (Index<P> index : indexes) {
            if (index.isUnique()) {
                Optional<Document> key = keyOf(index, query);
                if (key.isPresent()) {
                    return Optional.of(index.getPositions(key.get()));
                }
            }
        }
        for (Index<P> index : indexes) {
            if (index instanceof EqualityIndex<P> equality
                    && requiredEquality(query, equality.field()).orElse(null) instanceof String value) {
                return Optional.of(equality.getPositions(new Document(equality.field(), value)));
            }
        }
        return Optional.empty();
    }

    private static boolean isPlainValue(Object value) {
        return !(value instanceof Document)
                && !(value instanceof Collection<?>)
                && !BsonRegularExpression.isRegularExpression(value)
                && !(value instanceof Missing);
    }
}
