package dev.ledgerloop.eventstore.embedded.store;

/** A consistent, durable-only snapshot of one stream for reading. */
public final class StreamView {
    private final StreamEntries entries;
    private final int count;
    private final boolean tombstoned;
    private final long truncateBefore;

    StreamView(StreamEntries entries, int count, boolean tombstoned, long truncateBefore) {
        this.entries = entries;
        this.count = count;
        this.tombstoned = tombstoned;
        this.truncateBefore = truncateBefore;
    }

    static StreamView missing() {
        return new StreamView(null, 0, false, 0);
    }

    public boolean tombstoned() {
        return tombstoned;
    }

    /** EventStoreDB answers "stream not found" for a stream without events and for a soft-deleted one. */
    public boolean found() {
        return count > 0 && truncateBefore != StreamMetadataVersion.SOFT_DELETED;
    }

    /** Revision of the last durable event, or -1. */
    public long lastRevision() {
        return count - 1L;
    }

    /** The first revision a reader may see ({@code $tb}), never below 0. */
    public long firstRevision() {
        return Math.min(Math.max(truncateBefore, 0), count);
    }

    public long positionOf(long revision) {
        return entries.positions.get((int) revision);
    }
}
