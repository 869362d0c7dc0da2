package dev.ledgerloop.query.paging;

import dev.ledgerloop.service.ApiException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/** Query parameters read from their raw text, so that a wrong one answers docs/api.md's 400 naming it. */
public final class QueryParameters {
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private QueryParameters() {}

    public static int wholeNumber(String name, String raw, int otherwise, int min, int max) {
        if (raw == null) {
            return otherwise;
        }
        try {
            long value = Long.parseLong(raw.strip());
            if (value >= min && value <= max) {
                return (int) value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.validation("Parameter '" + name + "' must be a whole number from " + min + " to " + max);
    }

    /** A whole number from 0 up, such as a stream revision; {@code null} when absent. */
    public static Long optionalNaturalNumber(String name, String raw) {
        if (raw == null) {
            return null;
        }
        try {
            long value = Long.parseLong(raw.strip());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.validation("Parameter '" + name + "' must be a whole number from 0 to " + Long.MAX_VALUE);
    }

    /** An ISO-8601 instant within the years the API writes (docs/api.md §Conventions); {@code null} when absent. */
    public static Instant optionalInstant(String name, String raw) {
        if (raw == null) {
            return null;
        }
        try {
            Instant instant = Instant.parse(raw.strip());
            if (!instant.isBefore(EARLIEST) && !instant.isAfter(LATEST)) {
                return instant;
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw ApiException.validation("Parameter '" + name + "' must be an ISO-8601 instant from " + EARLIEST + " to "
                + LATEST + ", such as 2026-03-25T10:30:00.000Z");
    }

    public static Boolean optionalBoolean(String name, String raw) {
        if (raw == null) {
            return null;
        }
        if (raw.equals("true") || raw.equals("false")) {
            return Boolean.valueOf(raw);
        }
        throw ApiException.validation("Parameter '" + name + "' must be true or false");
    }

    public static String optionalOneOf(String name, String raw, Set<String> allowed) {
        if (raw == null || allowed.contains(raw)) {
            return raw;
        }
        throw ApiException.validation("Parameter '" + name + "' must be one of "
                + String.join(", ", allowed.stream().sorted().toList()));
    }
}
