package dev.ledgerloop.sdk;

import java.util.List;

/**
 * A stretch of a timeline, oldest first.
 *
 * @param items the items
 * @param hasMore whether older items exist before the first one (ask again with {@code before} = its id)
 */
public record Timeline(List<TimelineItem> items, boolean hasMore) {
    /** Copies the items. */
    public Timeline {
        items = List.copyOf(items);
    }
}
