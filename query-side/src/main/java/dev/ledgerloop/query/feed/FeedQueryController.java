package dev.ledgerloop.query.feed;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.query.paging.Page;
import dev.ledgerloop.query.paging.PageRequest;
import dev.ledgerloop.query.participant.ParticipantReader;
import dev.ledgerloop.query.timeline.TimelineFeed;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/human/feed} (API.md §Humans): across the sessions where the human may answer, the messages that
 * wait for their answer, most urgent first, then by deadline (none last). Read from the {@code participants} and
 * {@code timeline} views.
 */
@RestController
class FeedQueryController {
    private final ParticipantReader participants;
    private final MongoCollection<Document> timeline;

    FeedQueryController(ParticipantReader participants, MongoDatabase database) {
        this.participants = participants;
        this.timeline = database.getCollection(TimelineFeed.COLLECTION);
    }

    @GetMapping("/v1/human/feed")
    Page<Object> feed(
            Principal principal,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String pageSize) {
        if (principal.isAgent()) {
            throw new dev.ledgerloop.service.ApiException(
                    dev.ledgerloop.platform.error.ErrorCode.FORBIDDEN, "Only humans use /v1/human endpoints");
        }
        PageRequest request = PageRequest.of(page, pageSize);
        List<String> sessions = participants.sessionsAnsweredBy(principal);
        Bson waiting = and(in("sessionId", sessions), TimelineFeed.WAITING_FOR_AN_ANSWER);
        List<Object> data = new ArrayList<>();
        if (!sessions.isEmpty()) {
            timeline.find(waiting)
                    .sort(Sorts.orderBy(
                            Sorts.descending("priorityRank"),
                            Sorts.ascending("deadlineSort"),
                            Sorts.ascending("createdAt")))
                    .skip(request.skip())
                    .limit(request.pageSize())
                    .forEach(item -> data.add(TimelineFeed.item(item)));
        }
        long total = sessions.isEmpty() ? 0 : timeline.countDocuments(waiting);
        return new Page<>(data, total, request.page(), request.pageSize());
    }
}
