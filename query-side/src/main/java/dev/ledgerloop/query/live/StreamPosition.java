package dev.ledgerloop.query.live;

import dev.ledgerloop.eventstore.EventStoreDbPositionToken;
import dev.ledgerloop.service.ApiException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.eventhandling.TrackingToken;

/**
 * A stream event's id: its position in the event log, {@code <commit>-<prepare>} (EventStoreDB's {@code $all}
 * position). Resuming after an id reads the log from just after that position, so nothing is missed or repeated.
 */
final class StreamPosition {
    private static final Pattern ID = Pattern.compile("(0|[1-9][0-9]{0,17})-(0|[1-9][0-9]{0,17})");

    private StreamPosition() {}

    static String id(TrackingToken token) {
        EventStoreDbPositionToken position = (EventStoreDbPositionToken) token;
        return position.getCommitPosition() + "-" + position.getPreparePosition();
    }

    /**
     * The position a client resumes after.
     *
     * @throws ApiException 400 for anything but an id this stream gave, or one past the end of the log
     */
    static EventStoreDbPositionToken parse(String id, String source, EventStoreDbPositionToken head) {
        Matcher matcher = ID.matcher(id.strip());
        EventStoreDbPositionToken position;
        try {
            if (!matcher.matches()) {
                throw new IllegalArgumentException(id);
            }
            position =
                    new EventStoreDbPositionToken(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(source + " must be the id of an event of this stream (<commit>-<prepare>)");
        }
        if (position.compareTo(head) > 0) {
            throw ApiException.validation(source + " is past the end of the event log: not an id of this stream");
        }
        return position;
    }
}
