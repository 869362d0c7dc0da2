package dev.ledgerloop.query.timeline;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.paging.Page;
import dev.ledgerloop.query.paging.PageRequest;
import dev.ledgerloop.query.paging.QueryParameters;
import dev.ledgerloop.query.session.SessionReader;
import dev.ledgerloop.service.ApiException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A session's timeline, oldest first (API.md §Sessions, §Pagination). By page ({@code page}, {@code pageSize}) it
 * answers the pagination envelope; by cursor ({@code limit}, and {@code before} an item id, to scroll back) it answers
 * the {@code limit} items before the cursor, or the latest ones, with {@code hasMore}.
 */
@RestController
@RequestMapping("/v1/agent/sessions/{sessionId}/timeline")
class TimelineQueryController {
    private static final String SEQUENCE = "sequence";

    private final MongoCollection<Document> items;
    private final SessionReader sessions;

    TimelineQueryController(MongoDatabase database, SessionReader sessions) {
        this.items = database.getCollection(TimelineProjection.COLLECTION);
        this.sessions = sessions;
    }

    /** A scroll-back answer: the items in order, and whether older ones remain. */
    record Scroll(List<Object> data, boolean hasMore) {}

    @GetMapping
    Object timeline(
            Principal principal,
            @PathVariable UUID sessionId,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String pageSize,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String before) {
        sessions.get(principal, sessionId);
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
