package dev.ledgerloop.query.timeline;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.ne;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import dev.ledgerloop.query.paging.Page;
import dev.ledgerloop.query.paging.PageRequest;
import dev.ledgerloop.query.paging.QueryParameters;
import dev.ledgerloop.query.shredding.Erasure;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.mongo.GuardedWrites;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Reads a session's timeline, oldest first (docs/api.md §Sessions, §Pagination), once the caller's right to see the
 * session was checked. By page ({@code page}, {@code pageSize}) it answers the pagination envelope; by cursor
 * ({@code limit}, and {@code before} an item id, to scroll back) the {@code limit} items before the cursor, or the
 * latest ones, with {@code hasMore}.
 */
@Component
public class TimelineReader {
    private static final String SEQUENCE = "sequence";

    private final MongoCollection<Document> items;

    TimelineReader(MongoDatabase database) {
        this.items = database.getCollection(TimelineProjection.COLLECTION);
    }

    /** A reader of the {@code timeline} view built on another database, such as a history fold's. */
    public static TimelineReader on(MongoDatabase database) {
        return new TimelineReader(database);
    }

    /** Every item of the session, oldest first, as the timeline answers them. */
    public List<Object> all(UUID sessionId) {
        List<Object> data = new ArrayList<>();
        items.find(eq("sessionId", sessionId.toString()))
                .sort(Sorts.ascending(SEQUENCE))
                .forEach(item -> data.add(TimelineItems.of(item)));
        return data;
    }

    /** A scroll-back answer: the items in order, and whether older ones remain. */
    record Scroll(List<Object> data, boolean hasMore) {}

    /** A session's first message, and the answer to it if there is one. */
    public record FirstMessage(TimelineItems.MessageItem message, Optional<TimelineItems.ResponseItem> response) {}

    /** A session's items by page ({@code page}, {@code pageSize}) or by cursor ({@code limit}, {@code before}). */
    public Object read(UUID sessionId, String page, String pageSize, String limit, String before) {
        Bson ofSession = eq("sessionId", sessionId.toString());
        if (limit != null || before != null) {
            if (page != null || pageSize != null) {
                throw ApiException.validation("Use either page and pageSize or limit and before, not both");
            }
            return scroll(ofSession, limit, before);
        }
        PageRequest request = PageRequest.of(page, pageSize);
        List<Object> data = new ArrayList<>();
        items.find(ofSession)
                .sort(Sorts.ascending(SEQUENCE))
                .skip(request.skip())
                .limit(request.pageSize())
                .forEach(item -> data.add(TimelineItems.of(item)));
        return new Page<>(data, items.countDocuments(ofSession), request.page(), request.pageSize());
    }

    /** Whether the log settled a message after the event its document reflects ({@link SettledInLog}). */
    @FunctionalInterface
    interface SettledSince {
        boolean settled(UUID sessionId, String messageId, long revision);
    }

    /**
     * The answer an agent waits for: to the session's latest message that asked for one, was answered and is not
     * yet acknowledged, cancelled or expired, in the view and in the log after it ({@code settled}).
     */
    Optional<TimelineItems.ResponseItem> awaitedResponse(UUID sessionId, SettledSince settled) {
        for (Document message : items.find(and(
                        eq("sessionId", sessionId.toString()),
                        eq("kind", TimelineItems.MESSAGE),
                        eq("responseRequired", true),
                        eq("answered", true),
                        eq("status", "Pending"),
                        eq("deletedAt", null)))
                .sort(Sorts.descending(SEQUENCE))) {
            String messageId = message.getString("_id");
            if (!settled.settled(sessionId, messageId, message.getLong(GuardedWrites.VERSION))) {
                return responseTo(messageId);
            }
        }
        return Optional.empty();
    }

    /** The revision of the session's latest event the view shows as an item; -1 before its first. */
    long lastSequence(UUID sessionId) {
        Document latest = items.find(eq("sessionId", sessionId.toString()))
                .sort(Sorts.descending(SEQUENCE))
                .projection(new Document(SEQUENCE, 1))
                .first();
        return latest == null ? -1 : latest.getLong(SEQUENCE);
    }

    /**
     * The session's first message and its answer: a legacy interaction's request (docs/api.md §Legacy interactions).
     * Empty while the view has not shown it yet, and for a shredded session.
     */
    public Optional<FirstMessage> firstMessage(UUID sessionId) {
        Document message = items.find(and(
                        eq("sessionId", sessionId.toString()),
                        eq("kind", TimelineItems.MESSAGE),
                        ne(Erasure.ERASED, true)))
                .sort(Sorts.ascending(SEQUENCE))
                .first();
        if (message == null) {
            return Optional.empty();
        }
        return Optional.of(new FirstMessage(TimelineItems.message(message), responseTo(message.getString("_id"))));
    }

    private Optional<TimelineItems.ResponseItem> responseTo(String messageId) {
        return Optional.ofNullable(items.find(and(eq("kind", TimelineItems.RESPONSE), eq("messageId", messageId)))
                        .first())
                .map(TimelineItems::response);
    }

    private Scroll scroll(Bson ofSession, String limitText, String before) {
        int limit = QueryParameters.wholeNumber(
                "limit", limitText, PageRequest.DEFAULT_PAGE_SIZE, 1, PageRequest.MAX_PAGE_SIZE);
        Bson filter = ofSession;
        if (before != null) {
            Document cursor = items.find(and(ofSession, eq("_id", before))).first();
            if (cursor == null) {
                throw ApiException.validation("Parameter 'before' is not an item of this timeline");
            }
            filter = and(ofSession, lt(SEQUENCE, cursor.getLong(SEQUENCE)));
        }
        List<Object> data = new ArrayList<>();
        items.find(filter)
                .sort(Sorts.descending(SEQUENCE))
                .limit(limit + 1)
                .forEach(item -> data.add(TimelineItems.of(item)));
        boolean hasMore = data.size() > limit;
        List<Object> page = new ArrayList<>(data.subList(0, Math.min(limit, data.size())));
        Collections.reverse(page);
        return new Scroll(page, hasMore);
    }
}
