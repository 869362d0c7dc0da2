package dev.ledgerloop.standalone;

import org.h2.mvstore.MVStore;

/**
 * Keeps the embedded MongoDB's H2 file from growing without bound under writes (docs/architecture.md §Decisions).
 * H2 writes every commit's changed pages as a new chunk and can reuse a chunk's space only once none of its pages is
 * live; updates spread over many documents leave most chunks with a few live pages for good, so without compaction the
 * file grows with the write volume, not with the data. H2's own compaction runs on its background writer, which this
 * store turns off (commits only while no command runs), so compaction runs here, after each commit: it rewrites the
 * live pages of the sparsest chunks, those replaced longer ago than H2's retention time, until the chunks are half
 * live. The work is sized by the write volume: a quarter of what the commits wrote since the last compaction (1 MiB at
 * least, 32 MiB at most), so the space freed keeps pace with the space written while each pause stays short. It is
 * done and committed in steps of at most 2 MiB: each commit writes what it moved as one chunk, and a chunk of more than
 * some 8,000 pages makes every later removal of one of its pages read the chunk's table of contents from the file
 * (see {@code EmbeddedMongo}'s commits by memory); with 4 MiB steps the largest chunk after three rebuilds had 7,721.
 */
final class StoreCompaction {
    static final int TARGET_FILL_RATE = 50;
    static final long LEAST_BYTES = 1L << 20;
    static final long MOST_BYTES = 32L << 20;
    static final long STEP_BYTES = 2L << 20;
    private static final String WRITE_BYTES = "info.FILE_WRITE_BYTES";

    private final MVStore store;
    private long writtenBefore;

    StoreCompaction(MVStore store) {
        this.store = store;
        this.writtenBefore = written();
    }

    /** Runs while no command runs; commits what it moved, so the chunks it emptied can be reused. */
    void afterCommit() {
        for (long left = budget(written() - writtenBefore);
                left > 0 && store.compact(TARGET_FILL_RATE, (int) Math.min(left, STEP_BYTES));
                left -= STEP_BYTES) {
            store.commit();
        }
        writtenBefore = written();
    }

    /** The live bytes to rewrite after the commits wrote {@code written} bytes. */
    static long budget(long written) {
        return Math.min(MOST_BYTES, Math.max(LEAST_BYTES, written / 4));
    }

    /** The bytes written to the file since it was opened (H2 publishes the count only among its figures). */
    private long written() {
        long[] bytes = {0};
        store.getFileStore().populateInfo((name, value) -> {
            if (WRITE_BYTES.equals(name)) {
                bytes[0] = Long.parseLong(value);
            }
        });
        return bytes[0];
    }
}
