package dev.ledgerloop.service.parking;

/** The fields of a letter in the {@code parked_events} collection: where the event is, never its content. */
final class ParkedEventFields {
    static final String COLLECTION = "parked_events";

    static final String ID = "_id";
    static final String PROCESSOR = "processor";
    static final String SPACE = "spaceId";
    static final String SEQUENCE = "sequence";
    /** Insertion order within the processor's sequence. */
    static final String INDEX = "index";

    static final String STREAM = "stream";
    static final String REVISION = "revision";
    static final String EVENT_ID = "eventId";
    static final String COMMIT_POSITION = "commitPosition";
    static final String PREPARE_POSITION = "preparePosition";
    static final String EVENT_TYPE = "eventType";
    static final String CAUSE_TYPE = "causeType";
    static final String CAUSE_MESSAGE = "causeMessage";
    static final String ENQUEUED_AT = "enqueuedAt";
    static final String LAST_TOUCHED = "lastTouched";
    static final String DIAGNOSTICS = "diagnostics";
    static final String CLAIMED_UNTIL = "claimedUntil";
    static final String RETRY_REQUESTED_AT = "retryRequestedAt";

    private ParkedEventFields() {}
}
