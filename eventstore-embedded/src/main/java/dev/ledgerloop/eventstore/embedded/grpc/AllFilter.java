package dev.ledgerloop.eventstore.embedded.grpc;

import com.eventstore.dbclient.proto.streams.StreamsOuterClass.ReadReq;
import dev.ledgerloop.eventstore.embedded.store.EventRecord;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A server-side {@code $all} filter on stream name or event type. As in EventStoreDB's
 * {@code Streams.Read.ConvertToEventFilter}: prefixes are used when no regex is given, and a regex matches anywhere
 * in the name ({@code Regex.IsMatch}), which is {@link java.util.regex.Matcher#find()} here.
 *
 * <p>db-client-java 5.4 sends stream and event-type prefixes in the {@code regex} field (see its
 * {@code SubscriptionFilter.addPrefix}); both forms are served.
 */
final class AllFilter {
    /** EventStoreDB's search window when the client asks for {@code count} instead of a maximum. */
    private static final int DEFAULT_SEARCH_WINDOW = 32;

    private final boolean onStreamName;
    private final Pattern regex;
    private final List<String> prefixes;
    private final long checkpointInterval;

    private AllFilter(boolean onStreamName, Pattern regex, List<String> prefixes, long checkpointInterval) {
        this.onStreamName = onStreamName;
        this.regex = regex;
        this.prefixes = prefixes;
        this.checkpointInterval = checkpointInterval;
    }

    static AllFilter none() {
        return new AllFilter(true, null, List.of(), 0);
    }

    static AllFilter of(ReadReq.Options options) {
        if (options.getFilterOptionCase() != ReadReq.Options.FilterOptionCase.FILTER) {
            return none();
        }
        ReadReq.Options.FilterOptions filter = options.getFilter();
        ReadReq.Options.FilterOptions.Expression expression;
        boolean onStreamName;
        switch (filter.getFilterCase()) {
            case STREAM_IDENTIFIER -> {
                expression = filter.getStreamIdentifier();
                onStreamName = true;
            }
            case EVENT_TYPE -> {
                expression = filter.getEventType();
                onStreamName = false;
            }
            default -> throw RpcErrors.badRequest("Filter must be on stream name or event type");
        }
        Pattern regex = null;
        if (!expression.getRegex().isEmpty()) {
            try {
                regex = Pattern.compile(expression.getRegex());
            } catch (PatternSyntaxException e) {
                throw RpcErrors.badRequest("Invalid filter regex: " + e.getDescription());
            }
        } else if (expression.getPrefixCount() == 0) {
            throw RpcErrors.badRequest("Filter needs a regex or at least one prefix");
        }
        long window = filter.getWindowCase() == ReadReq.Options.FilterOptions.WindowCase.MAX && filter.getMax() > 0
                ? Integer.toUnsignedLong(filter.getMax())
                : DEFAULT_SEARCH_WINDOW;
        long multiplier = Math.max(1, Integer.toUnsignedLong(filter.getCheckpointIntervalMultiplier()));
        return new AllFilter(onStreamName, regex, List.copyOf(expression.getPrefixList()), window * multiplier);
    }

    boolean active() {
        return regex != null || !prefixes.isEmpty();
    }

    boolean matches(EventRecord record) {
        if (!active()) {
            return true;
        }
        String subject = onStreamName ? record.stream() : record.eventType();
        if (regex != null) {
            return regex.matcher(subject).find();
        }
        for (String prefix : prefixes) {
            if (subject.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Events scanned between two checkpoints of a filtered subscription: multiplier × search window. */
    long checkpointInterval() {
        return checkpointInterval;
    }
}
