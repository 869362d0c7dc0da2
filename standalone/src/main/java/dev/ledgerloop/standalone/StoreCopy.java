package dev.ledgerloop.standalone;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies every map of an embedded MongoDB file of the layout before BSON documents into a new file, each entry as it
 * is: documents read with H2's default type (their Java serialization) and written as BSON, unique keys with their
 * own type, everything else (collection metadata, field indexes) with H2's default type on both sides.
 */
final class StoreCopy {
    private static final Logger log = LoggerFactory.getLogger(StoreCopy.class);
    /** Entries written between commits, so the copy of a large store holds a bounded part of it in memory. */
    private static final int COMMIT_EVERY = 10_000;

    private StoreCopy() {}

    static void copy(Path from, Path to) {
        Instant started = Instant.now();
        log.info("Moving the embedded MongoDB's documents to BSON, once (a data directory written by an older version);"
                + " a large store takes minutes");
        long entries = 0;
        MVStore source =
                new MVStore.Builder().fileName(from.toString()).readOnly().open();
        try {
            MVStore target = new MVStore.Builder()
                    .fileName(to.toString())
                    .autoCommitDisabled()
                    .open();
            try {
                for (String name : source.getMapNames()) {
                    entries += copyMap(
                            source.openMap(name, StoreLayout.typesBeforeBson(name)),
                            target.openMap(name, StoreLayout.typesOf(name)));
                }
                target.commit();
                target.sync();
            } finally {
                target.close();
            }
        } finally {
            source.close();
        }
        log.info(
                "Moved the embedded MongoDB to BSON: {} entries in {} s",
                entries,
                Duration.between(started, Instant.now()).toSeconds());
    }

    private static long copyMap(MVMap<Object, Object> from, MVMap<Object, Object> to) {
        long copied = 0;
        for (Map.Entry<Object, Object> entry : from.entrySet()) {
            to.put(entry.getKey(), entry.getValue());
            if (++copied % COMMIT_EVERY == 0) {
                to.getStore().commit();
            }
        }
        return copied;
    }
}
