package dev.ledgerloop.query.feed;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.Views;
import dev.ledgerloop.query.paging.Page;
import dev.ledgerloop.query.paging.PageRequest;
import dev.ledgerloop.service.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/human/feed} (docs/api.md §Humans): across sessions, the messages that wait for this human's answer,
 * most urgent first, then by deadline (none last), read from the {@code feed} view.
 */
@RestController
class FeedQueryController {
    private final MongoCollection<Document> feed;

    FeedQueryController(MongoDatabase database) {
        this.feed = database.getCollection(FeedProjection.COLLECTION);
    }

    /** docs/api.md's message object as the feed shows it: every message here requires a response and waits for it. */
    record FeedItem(
            String id,
            String sessionId,
            String senderType,
            String senderAgentId,
            String senderUserId,
            Map<String, Object> encryptedContent,
            Map<String, Object> encryptedComponents,
            boolean responseRequired,
            String status,
            String priority,
            Instant deadlineAt,
            String referenceId,
            Instant createdAt,
            Instant editedAt,
            Instant deletedAt) {

        static FeedItem of(Document document) {
            return new FeedItem(
                    document.getString("_id"),
                    document.getString("sessionId"),
                    document.getString("senderType"),
                    document.getString("senderAgentId"),
                    null,
                    document.get("encryptedContent", Document.class),
                    document.get("encryptedComponents", Document.class),
                    true,
                    "Pending",
                    document.getString("priority"),
                    Views.instant(document.get("deadlineAt")),
                    document.getString("referenceId"),
                    Views.instant(document.get("createdAt")),
                    Views.instant(document.get("editedAt")),
                    null);
        }
    }

    @GetMapping("/v1/human/feed")
    Page<FeedItem> feed(
            Principal principal,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String pageSize) {
        if (principal.isAgent()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only humans use /v1/human endpoints");
        }
        PageRequest request = PageRequest.of(page, pageSize);
        Bson mine = and(
                eq("answerers", principal.subjectId()),
                eq("spaceId", principal.spaceId().toString()));
        List<FeedItem> data = new ArrayList<>();
        feed.find(mine)
                .sort(Sorts.orderBy(
                        Sorts.descending("priorityRank"),
                        Sorts.ascending("deadlineSort"),
                        Sorts.ascending("createdAt")))
                .skip(request.skip())
                .limit(request.pageSize())
                .forEach(document -> data.add(FeedItem.of(document)));
        return new Page<>(data, feed.countDocuments(mine), request.page(), request.pageSize());
    }
}
