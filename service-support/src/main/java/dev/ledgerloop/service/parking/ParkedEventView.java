package dev.ledgerloop.service.parking;

import static dev.ledgerloop.service.parking.ParkedEventFields.*;

import java.time.Instant;
import org.bson.Document;

/**
 * A parked event as the admin API shows it: where the event is and why it parked, never its content.
 *
 * @param position the event's commit position in {@code $all}; null when it was parked from outside a tracked read
 */
public record ParkedEventView(
        String id,
        String processor,
        String sequence,
        String stream,
        long revision,
        String eventId,
        Long position,
        String eventType,
        Cause cause,
        Instant enqueuedAt,
        Instant lastTouched) {

    /** @param message null unless the exception is one of ours or a security exception (see SafeReasons) */
    public record Cause(String type, String message) {}

    static ParkedEventView of(Document document) {
        Number position = document.get(COMMIT_POSITION, Number.class);
        String causeType = document.getString(CAUSE_TYPE);
        return new ParkedEventView(
                document.getObjectId(ID).toHexString(),
                document.getString(PROCESSOR),
                document.getString(SEQUENCE),
                document.getString(STREAM),
                document.get(REVISION, Number.class).longValue(),
                document.getString(EVENT_ID),
                position == null ? null : position.longValue(),
                document.getString(EVENT_TYPE),
                causeType == null ? null : new Cause(causeType, document.getString(CAUSE_MESSAGE)),
                document.getDate(ENQUEUED_AT).toInstant(),
                document.getDate(LAST_TOUCHED).toInstant());
    }
}
