package dev.ledgerloop.query.paging;

import dev.ledgerloop.service.ApiException;
import java.util.Set;

/** Query parameters read from their raw text, so that a wrong one answers docs/api.md's 400 naming it. */
public final class QueryParameters {
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
