package dev.ledgerloop.service.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times as aggregates keep them: to the millisecond, as the API writes them. */
public final class Instants {
    private Instants() {}

    public static Instant millis(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS);
    }
}
