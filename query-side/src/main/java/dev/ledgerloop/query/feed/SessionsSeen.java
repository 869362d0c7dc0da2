package dev.ledgerloop.query.feed;

import dev.ledgerloop.query.projection.BatchEndWrites;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.bson.Document;

/**
 * The {@code feed_sessions} documents a batch has read or written, so that its messages look up their session's
 * answerers once per batch rather than once each. Only the feed writes that collection, and a session's events are
 * handled in order on one thread, so what the batch saw last is what the collection holds. Nothing to write at the
 * end: every write was made when its event was handled.
 */
final class SessionsSeen implements BatchEndWrites.Pending {
    private final Map<String, Optional<Document>> byId = new HashMap<>();

    /** The session's document as the batch last saw it, read by {@code read} (which may answer null) the first time. */
    Document get(String sessionId, Function<String, Document> read) {
        return byId.computeIfAbsent(sessionId, id -> Optional.ofNullable(read.apply(id)))
                .orElse(null);
    }

    /** What a write left of the session's document; null when the write did not apply, and it is read again. */
    void wrote(String sessionId, Document document) {
        if (document == null) {
            forget(sessionId);
        } else {
            byId.put(sessionId, Optional.of(document));
        }
    }

    void forget(String sessionId) {
        byId.remove(sessionId);
    }

    @Override
    public void write() {}
}
