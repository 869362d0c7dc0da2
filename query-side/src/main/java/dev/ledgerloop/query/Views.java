package dev.ledgerloop.query;

import java.time.Instant;
import java.util.Date;

/**
 * Conversions every projection makes the same way. Writes go through
 * {@link dev.ledgerloop.service.mongo.GuardedWrites}, which makes them idempotent.
 */
public final class Views {
    private Views() {}

    public static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    public static Instant instant(Object date) {
        return date == null ? null : ((Date) date).toInstant();
    }
}
