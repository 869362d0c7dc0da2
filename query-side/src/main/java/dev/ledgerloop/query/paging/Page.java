package dev.ledgerloop.query.paging;

import java.util.List;

/** docs/api.md §Pagination's envelope: {@code {"data":[...],"total":47,"page":2,"pageSize":10}}. */
public record Page<T>(List<T> data, long total, int page, int pageSize) {}
