package dev.ledgerloop.query.timeline;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import org.bson.Document;
import org.bson.conversions.Bson;

/** What the human feed reads from the {@code timeline} view: message items that still wait for an answer. */
public final class TimelineFeed {
    public static final String COLLECTION = TimelineProjection.COLLECTION;
    public static final Bson WAITING_FOR_AN_ANSWER = and(
            eq("kind", TimelineItems.MESSAGE),
            eq("responseRequired", true),
            eq("answered", false),
            eq("status", "Pending"),
            eq("deletedAt", null));

    private TimelineFeed() {}

    public static Object item(Document item) {
        return TimelineItems.of(item);
    }
}
