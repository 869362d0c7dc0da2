package dev.ledgerloop.query.projection;

/**
 * How a rebuild uses memory (docs/replay.md §Rebuild).
 *
 * @param memoryDocuments how many documents the rebuilt views may hold in memory together; 0 writes them to their
 *     copies from the first event
 * @param chunkEvents the events handed to the views at a time; the views' size is weighed after each hand-over
 */
record RebuildSettings(long memoryDocuments, int chunkEvents) {
    /** Events handed to the views at a time unless configured: enough to keep each view's thread busy a while. */
    static final int CHUNK_EVENTS = 256;

    RebuildSettings {
        if (memoryDocuments < 0) {
            throw new IllegalArgumentException("ledgerloop.rebuild.memory-documents must be 0 or more");
        }
        if (chunkEvents < 1) {
            throw new IllegalArgumentException("ledgerloop.rebuild.chunk-events must be 1 or more");
        }
    }
}
