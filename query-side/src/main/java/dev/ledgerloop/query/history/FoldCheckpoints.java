package dev.ledgerloop.query.history;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import de.bwaldvogel.mongo.bson.Document;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The scratch database of a fold as it stood after some revisions (docs/replay.md §Fold checkpoints): every document
 * of every collection, copied in the store's own form, so that a restored database holds the very same values and
 * restoring one converts nothing. A fold restores the nearest checkpoint at or before its cutoff and applies only the
 * events after it. The projections keep no state outside their collections, so the documents are all there is to
 * restore.
 *
 * <p>A checkpoint is kept with the number of unreadable or erased events up to its revision and is only used for a
 * prefix with the same number, so a stream shredded since is folded anew; checkpoints are never taken of a shredded
 * stream (its views are written from its shredding record at the end of a fold).
 *
 * <p>A document a checkpoint holds unchanged from the session's checkpoint before it is shared, not copied. The
 * checkpoints of a session are kept and dropped together: bounded by {@code ledgerloop.history.checkpoint-memory}
 * (their distinct documents' estimated size in memory, {@link DocumentFootprint}, plus a reference per document per
 * checkpoint), the least recently used session's first, idle ones after 10 minutes.
 */
@Component
@EnableConfigurationProperties(HistoryProperties.class)
class FoldCheckpoints {
    private static final int REFERENCE_BYTES = 8;

    private final int every;
    private final Cache<UUID, SessionCheckpoints> kept;

    /** The documents of each collection after {@code revision}, with {@code unreadable} events passed by then. */
    record Checkpoint(long revision, long unreadable, Map<String, List<Document>> collections) {}

    /** A session's checkpoints by revision, and the memory they take together. */
    private record SessionCheckpoints(NavigableMap<Long, Checkpoint> byRevision, long bytes) {
        SessionCheckpoints with(Checkpoint checkpoint, long addedBytes) {
            NavigableMap<Long, Checkpoint> more = new TreeMap<>(byRevision);
            more.put(checkpoint.revision(), checkpoint);
            return new SessionCheckpoints(more, bytes + addedBytes);
        }
    }

    FoldCheckpoints(HistoryProperties properties) {
        this.every = properties.checkpointEvery();
        this.kept = Caffeine.newBuilder()
                .maximumWeight(properties.checkpointMemory().toBytes())
                .weigher((UUID session, SessionCheckpoints checkpoints) ->
                        (int) Math.min(Integer.MAX_VALUE, checkpoints.bytes()))
                .expireAfterAccess(Duration.ofMinutes(10))
                .build();
    }

    /** Whether a fold keeps a checkpoint after the event at {@code revision}. */
    boolean due(long revision) {
        return (revision + 1) % every == 0;
    }

    /**
     * The nearest checkpoint at or before {@code lastRevision}, taken after as many unreadable events as
     * {@code unreadableUpTo} counts up to its revision.
     */
    Optional<Checkpoint> nearest(UUID sessionId, long lastRevision, RevisionCounts unreadableUpTo) {
        SessionCheckpoints checkpoints = kept.getIfPresent(sessionId);
        if (checkpoints == null) {
            return Optional.empty();
        }
        for (Checkpoint checkpoint : checkpoints
                .byRevision()
                .headMap(lastRevision, true)
                .descendingMap()
                .values()) {
            if (checkpoint.unreadable() == unreadableUpTo.upTo(checkpoint.revision())) {
                return Optional.of(checkpoint);
            }
        }
        return Optional.empty();
    }

    /** Keeps the documents of {@code collections} of the fold's database after {@code revision}. */
    void keep(
            UUID sessionId,
            long revision,
            long unreadable,
            ScratchDatabases.Scratch database,
            List<String> collections) {
        SessionCheckpoints before = kept.getIfPresent(sessionId);
        Checkpoint previous = before == null
                ? null
                : Optional.ofNullable(before.byRevision().lowerEntry(revision))
                        .map(Map.Entry::getValue)
                        .orElse(null);
        Map<String, List<Document>> documents = new LinkedHashMap<>();
        long bytes = 0;
        for (String collection : collections) {
            List<Document> all = database.storedCopies(collection);
            List<Document> earlier =
                    previous == null ? List.of() : previous.collections().get(collection);
            for (int i = 0; i < all.size(); i++) {
                // Updates keep a document's place and inserts come last, so an unchanged one is where it was. The
                // store's equality is exact: field order and value types count.
                if (i < earlier.size() && all.get(i).equals(earlier.get(i))) {
                    all.set(i, earlier.get(i));
                } else {
                    bytes += DocumentFootprint.of(all.get(i));
                }
                bytes += REFERENCE_BYTES;
            }
            documents.put(collection, List.copyOf(all));
        }
        Checkpoint checkpoint = new Checkpoint(revision, unreadable, Map.copyOf(documents));
        long added = bytes;
        kept.asMap()
                .compute(
                        sessionId,
                        (session, current) -> current == null
                                ? new SessionCheckpoints(new TreeMap<>(Map.of(revision, checkpoint)), added)
                                : current.with(checkpoint, added));
    }

    /** Adds copies of a checkpoint's documents to an empty database. */
    static void restore(Checkpoint checkpoint, ScratchDatabases.Scratch database) {
        checkpoint.collections().forEach((collection, documents) -> {
            if (!documents.isEmpty()) {
                database.addCopies(collection, documents);
            }
        });
    }

    void forget(UUID sessionId) {
        kept.invalidate(sessionId);
    }

    /** How many unreadable or erased events a prefix holds up to a revision. */
    @FunctionalInterface
    interface RevisionCounts {
        long upTo(long revision);
    }
}
