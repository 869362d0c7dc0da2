package dev.ledgerloop.eventstore.embedded.store;

/** A consistent, durable-only snapshot of one stream for reading. */
public final class StreamView {
    private final StreamEntries entries;
    private final int count;
    private final boolean tombstoned;
    private final boolean softDeleted;
    private final long firstRevision;

    StreamView(StreamEntries entries, int count, boolean tombstoned, boolean softDeleted, long firstRevision) {
        this.entries = entries;
        this.count = count;
        this.tombstoned = tombstoned;
        this.softDeleted = softDeleted;
        this.firstRevision = firstRevision;
    }

    static StreamView missing() {
        return new StreamView(null, 0, false, false, 0);
    }

    public boolean tombstoned() {
        return tombstoned;
    }

    /** EventStoreDB answers "stream not found" for a stream without events and for a soft-deleted one. */
    public boolean found() {
        return count > 0 && !softDeleted;
    }

    /** Revision of the last durable event, or -1. */
    public long lastRevision() {
        return count - 1L;
    }

    /** The first revision a reader may see, after {@code $tb} and {@code $maxCount}; {@code lastRevision + 1} if none. */
    public long firstRevision() {
        return firstRevision;
    }

    public long positionOf(long revision) {
        return entries.positions.get((int) revision);
    }
}
