package dev.ledgerloop.eventstore.embedded.store;

/**
 * The in-memory index of one stream: the log position of each revision, its tombstone and metadata history.
 * Written only by the store's writer thread; read by any thread through {@link #view(long)}.
 */
final class StreamEntries {
    final String name;
    final LongList positions = new LongList();
    volatile long tombstonePosition = -1;
    volatile StreamMetadataVersion metadata;

    StreamEntries(String name) {
        this.name = name;
    }

    /** Writer's view: includes records not yet synced. */
    long lastRevision() {
        return positions.size() - 1L;
    }

    boolean tombstoned() {
        return tombstonePosition >= 0;
    }

    boolean softDeleted() {
        StreamMetadataVersion current = metadata;
        return current != null && current.softDeleted();
    }

    /** What a reader may see: only records below {@code durableEnd}, the end of the synced log. */
    StreamView view(long durableEnd) {
        int count = positions.size();
        while (count > 0 && positions.get(count - 1) >= durableEnd) {
            count--;
        }
        long tombstone = tombstonePosition;
        StreamMetadataVersion version = metadata;
        while (version != null && version.position() >= durableEnd) {
            version = version.previous();
        }
        return new StreamView(
                this,
                count,
                tombstone >= 0 && tombstone < durableEnd,
                version != null && version.softDeleted(),
                version == null ? 0 : version.firstVisibleRevision(count));
    }
}
