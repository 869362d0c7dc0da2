package dev.ledgerloop.sdk;

import java.util.List;

/**
 * One page of a list route ({@code {data, total, page, pageSize}}).
 *
 * @param data the items of this page
 * @param total how many items there are in all
 * @param page this page's number, from 1
 * @param pageSize the page size asked for
 * @param <T> the item type
 */
public record Page<T>(List<T> data, long total, int page, int pageSize) {
    /** Copies the items. */
    public Page {
        data = List.copyOf(data);
    }
}
