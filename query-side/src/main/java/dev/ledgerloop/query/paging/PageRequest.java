package dev.ledgerloop.query.paging;

import dev.ledgerloop.service.ApiException;

/** docs/api.md §Pagination: {@code page} from 1 (default 1), {@code pageSize} 1 to 100 (default 20); more → 400. */
public record PageRequest(int page, int pageSize) {
    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;

    /** From the raw query parameters, either of which may be absent. */
    public static PageRequest of(String page, String pageSize) {
        return new PageRequest(
                QueryParameters.wholeNumber("page", page, 1, 1, Integer.MAX_VALUE),
                QueryParameters.wholeNumber("pageSize", pageSize, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE));
    }

    public int skip() {
        long skip = (long) (page - 1) * pageSize;
        if (skip > Integer.MAX_VALUE) {
            throw ApiException.validation("Parameter 'page' is too large");
        }
        return (int) skip;
    }
}
