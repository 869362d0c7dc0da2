package dev.ledgerloop.query.inprocess;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A non-unique index, on one field or led by one (a compound index's first field), that answers one question: the
 * positions of the documents that may have that field equal to a given string. mongo-java-server's backends ignore
 * non-unique indexes, so {@code updateMany(eq("sessionId", …))} scanned the collection; a collection that finds such
 * an equality in a filter ({@link EqualityFilters#candidates}) asks this index instead and applies the whole filter
 * to the documents it names.
 *
 * <p>Each document is kept under its {@linkplain #groupOf group}: a string under itself; an array or embedded
 * document, which a string may match by other rules (an array's elements), under {@link #ANY_STRING}, returned for
 * every string; anything else (missing, null, a number…), which equals no string, under {@link #NO_STRING}.
 *
 * @param <P> the position of a document in its collection
 */
public abstract class EqualityIndex<P> extends Index<P> {
    protected static final Integer NO_STRING = 0;
    protected static final Integer ANY_STRING = 1;

    private final String field;

    /** @param keys the index's keys as created (its description lists them all); entries go by the first */
    protected EqualityIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.field = keys.get(0).getKey();
    }

    /**
     * Whether such an index can answer for {@code keys}: led by a top-level field, not a path into embedded documents.
     * A compound index answers for its first field alone (a filter that pins it, as {@code {sessionId, sequence}}
     * serves every read of one session's timeline on MongoDB); the whole filter and any sort still apply.
     */
    public static boolean serves(List<IndexKey> keys) {
        return !keys.isEmpty() && !keys.get(0).getKey().contains(".");
    }

    public String field() {
        return field;
    }

    /** The positions of every document whose field may equal {@code value}, and of no other, in no set order. */
    protected abstract List<P> positionsOf(String value);

    protected Object groupOf(Document document) {
        Object value = document.get(field);
        if (value instanceof String) {
            return value;
        }
        if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
            return ANY_STRING;
        }
        return NO_STRING;
    }

    /** Keeps the document at {@code position} under {@code group}. */
    protected abstract void enter(Object group, P position);

    /** No longer keeps the document at {@code position} under {@code group}. */
    protected abstract void leave(Object group, P position);

    @Override
    public synchronized void updateInPlace(
            Document oldDocument, Document newDocument, P position, MongoCollection<P> collection) {
        Object oldGroup = groupOf(oldDocument);
        Object newGroup = groupOf(newDocument);
        if (!Objects.equals(oldGroup, newGroup)) {
            leave(oldGroup, position);
            enter(newGroup, position);
        }
    }

    /** Not unique: it names no single document ({@code null} is what the collection skips). */
    @Override
    public P getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {}

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {}

    /** The collection's own query planning passes it by: it would hand over whole filters. */
    @Override
    public boolean canHandle(Document query) {
        return false;
    }

    /** @param query {@code {<field>: <string>}}: the positions of the documents whose field may equal the string */
    @Override
    public Iterable<P> getPositions(Document query) {
        if (query.size() != 1 || !(query.get(field) instanceof String value)) {
            throw new IllegalArgumentException("This index answers {" + field + ": <string>}, not " + query.keySet());
        }
        return positionsOf(value);
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
