package dev.ledgerloop.query.history;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;

/**
 * mongo-java-server's memory backend without the data size its collections keep for statistics: that size is each
 * document encoded to BSON once more on every insert and twice on every update, about a sixth of a cold fold's time in
 * the request's thread (restoring a checkpoint is an insert of every document), and nothing reads a scratch
 * database's statistics.
 */
final class ScratchBackend extends MemoryBackend {
    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new MemoryDatabase(databaseName, getCursorRegistry()) {
            @Override
            protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
                return new MemoryCollection(this, collectionName, options, cursorRegistry) {
                    @Override
                    protected boolean tracksDataSize() {
                        return false;
                    }
                };
            }
        };
    }
}
