package dev.ledgerloop.standalone;

import de.bwaldvogel.mongo.bson.Document;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * The dates a filter requires a field to lie between, each bound inclusive, null for none: from the field's own
 * {@code $gt}, {@code $gte}, {@code $lt}, {@code $lte} or {@code $eq} with a date, and those under a top-level {@code
 * $and} (nested ones included). A document that matches the filter has the field within these bounds, or holds an
 * array there (whose elements a range may match); the filter itself still decides. Exclusive bounds are taken as
 * inclusive: a superset, which the filter narrows.
 */
record DateRange(Instant from, Instant to) {
    private static final DateRange NONE = new DateRange(null, null);

    static Optional<DateRange> requiredBy(Document query, String field) {
        DateRange range = of(query, field);
        return range.equals(NONE) ? Optional.empty() : Optional.of(range);
    }

    private static DateRange of(Document query, String field) {
        DateRange range = NONE;
        if (query.get(field) instanceof Document operators) {
            range = range.within(operators);
        }
        if (query.get("$and") instanceof Collection<?> conjuncts) {
            for (Object conjunct : conjuncts) {
                if (conjunct instanceof Document condition) {
                    range = range.and(of(condition, field));
                }
            }
        }
        return range;
    }

    private DateRange within(Document operators) {
        DateRange range = this;
        for (String operator : operators.keySet()) {
            if (operators.get(operator) instanceof Instant date) {
                range = switch (operator) {
                    case "$gt", "$gte" -> range.and(new DateRange(date, null));
                    case "$lt", "$lte" -> range.and(new DateRange(null, date));
                    case "$eq" -> range.and(new DateRange(date, date));
                    default -> range;
                };
            }
        }
        return range;
    }

    private DateRange and(DateRange other) {
        return new DateRange(later(from, other.from), earlier(to, other.to));
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }
}
