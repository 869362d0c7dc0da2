package dev.ledgerloop.query.inprocess;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * mongo-java-server's memory backend for views built in this process (history folds, rebuilds), with two changes:
 *
 * <ul>
 *   <li>A filter that requires a field to equal a value is served from an index on it: every field of a unique index
 *       ({@code _id} included), or a string in the first field of a non-unique index ({@link MemoryFieldIndex});
 *       the whole filter then decides among the documents the index names. The backend itself uses an index only for
 *       a filter on the index's fields alone, so every guarded view update ({@code {_id: x, version: {$lt: n}}})
 *       and every {@code updateMany} by session scanned the collection. Indexes led by a path into embedded
 *       documents are left out quietly, as the backend does with a warning.
 *   <li>No data size is kept for statistics: that is each document encoded to BSON once more on every insert and
 *       twice on every update, and nothing reads these databases' statistics.
 * </ul>
 */
public final class IndexedMemoryBackend extends MemoryBackend {
    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new MemoryDatabase(databaseName, getCursorRegistry()) {
            @Override
            protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
                return new LookupCollection(this, collectionName, options, cursorRegistry);
            }

            @Override
            protected Index<Integer> openOrCreateSecondaryIndex(
                    String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
                return EqualityIndex.serves(keys)
                        ? new MemoryFieldIndex(indexName, keys, sparse)
                        : new EmptyIndex<>(indexName, keys);
            }
        };
    }

    private static final class LookupCollection extends MemoryCollection {
        LookupCollection(
                MemoryDatabase database, String collectionName, CollectionOptions options, CursorRegistry cursors) {
            super(database, collectionName, options, cursors);
        }

        @Override
        protected boolean tracksDataSize() {
            return false;
        }

        @Override
        protected QueryResult queryDocuments(
                Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
            Optional<Iterable<Integer>> candidates = EqualityFilters.candidates(getIndexes(), query);
            if (candidates.isPresent()) {
                Stream<Document> documents = StreamSupport.stream(
                                candidates.get().spliterator(), false)
                        .map(this::getDocument)
                        .filter(Objects::nonNull);
                return matchDocumentsFromStream(
                        documents, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            }
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
    }
}
