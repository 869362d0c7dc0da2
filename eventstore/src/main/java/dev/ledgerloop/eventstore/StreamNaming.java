package dev.ledgerloop.eventstore;

import java.util.Locale;

/**
 * Names the EventStoreDB stream that holds one aggregate's events (docs/architecture.md §Event model: one stream per
 * aggregate).
 */
@FunctionalInterface
public interface StreamNaming {

    String streamName(String aggregateType, String aggregateIdentifier);

    /** The aggregate type lower-cased, a dash, the identifier: the {@code Session} aggregate gets {@code session-<id>}. */
    static StreamNaming lowerCaseTypeAndId() {
        return (aggregateType, aggregateIdentifier) ->
                aggregateType.toLowerCase(Locale.ROOT) + "-" + aggregateIdentifier;
    }
}
