package dev.ledgerloop.gateway.idempotency;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * The {@code idempotency} collection: one document per (principal, request, key), claimed by the first request
 * ({@code done: false}) and completed with its answer. A TTL index removes documents after the configured time; a
 * document past it that MongoDB has not removed yet counts as absent too. Sync driver: call off the event loop.
 */
final class IdempotentReplies {
    static final String COLLECTION = "idempotency";

    private final MongoCollection<Document> replies;
    private final Clock clock;
    private final Duration ttl;
    private final Duration pendingTimeout;

    IdempotentReplies(MongoDatabase database, Clock clock, IdempotencyProperties properties) {
        this.replies = database.getCollection(COLLECTION);
        this.clock = clock;
        this.ttl = properties.ttl();
        this.pendingTimeout = properties.pendingTimeout();
        replies.createIndex(
                Indexes.ascending("createdAt"), new IndexOptions().expireAfter(ttl.toSeconds(), TimeUnit.SECONDS));
    }

    /** Empty if this request claimed the key and must run; otherwise what an earlier one left (running or done). */
    Optional<StoredReply> claim(String id, String fingerprint) {
        for (int attempt = 0; attempt < 2; attempt++) {
            Instant now = clock.instant();
            try {
                replies.insertOne(new Document("_id", id)
                        .append("done", false)
                        .append("fingerprint", fingerprint)
                        .append("createdAt", Date.from(now)));
                return Optional.empty();
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            Document earlier = replies.find(eq("_id", id)).first();
            if (earlier == null) {
                continue;
            }
            Instant createdAt = earlier.getDate("createdAt").toInstant();
            boolean done = earlier.getBoolean("done", false);
            boolean expired = expired(earlier, now);
            boolean abandoned = !done && createdAt.plus(pendingTimeout).isBefore(now);
            if (expired || abandoned) {
                // Only the one that still sees the same document removes it; then the insert decides again.
                replies.deleteOne(and(eq("_id", id), eq("createdAt", earlier.getDate("createdAt"))));
                continue;
            }
            return Optional.of(reply(earlier));
        }
        // Lost the race twice to requests that keep going: treat it as running.
        return Optional.of(new StoredReply(false, null, 0, null, null));
    }

    /** Whether a request holds the key, running or done and not expired; nothing is claimed. */
    boolean isHeld(String id) {
        Document earlier = replies.find(eq("_id", id)).first();
        return earlier != null && !expired(earlier, clock.instant());
    }

    private boolean expired(Document reply, Instant now) {
        return reply.getDate("createdAt").toInstant().plus(ttl).isBefore(now);
    }

    void complete(String id, int status, String contentType, byte[] body) {
        replies.updateOne(
                eq("_id", id),
                combine(
                        set("done", true),
                        set("status", status),
                        set("contentType", contentType),
                        set("body", new Binary(body))));
    }

    /** The first request failed before the backend answered for sure: a retry may run again. */
    void release(String id) {
        replies.deleteOne(and(eq("_id", id), eq("done", false)));
    }

    private static StoredReply reply(Document document) {
        if (!document.getBoolean("done", false)) {
            return new StoredReply(false, document.getString("fingerprint"), 0, null, null);
        }
        Binary body = document.get("body", Binary.class);
        return new StoredReply(
                true,
                document.getString("fingerprint"),
                document.getInteger("status"),
                document.getString("contentType"),
                body == null ? new byte[0] : body.getData());
    }
}
