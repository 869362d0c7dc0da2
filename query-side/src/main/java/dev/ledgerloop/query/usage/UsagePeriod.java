package dev.ledgerloop.query.usage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The period usage is counted in: the calendar month in UTC, named {@code yyyy-MM}. */
final class UsagePeriod {
    private static final DateTimeFormatter MONTH =
            DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);

    private UsagePeriod() {}

    static String of(Instant at) {
        return MONTH.format(at);
    }
}
