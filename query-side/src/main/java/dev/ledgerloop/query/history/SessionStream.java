package dev.ledgerloop.query.history;

import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import java.util.Iterator;
import java.util.UUID;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.stereotype.Component;

/**
 * A session's own stream in the log, read as the processors read {@code $all}: decoded by the same codec, each event
 * tracked at its {@code $all} position, an undecodable one as an {@code UnreadableEvent}.
 */
@Component
class SessionStream {
    /** The aggregate type the command side's {@code Session} writes its events under. */
    static final String AGGREGATE_TYPE = "Session";

    private final EventStoreDbStorageEngine engine;

    SessionStream(EventStoreDbStorageEngine engine) {
        this.engine = engine;
    }

    /** The session's events from {@code firstRevision} on, read a page at a time as they are consumed. */
    Iterator<TrackedEventMessage<?>> from(UUID sessionId, long firstRevision) {
        return engine.readRecorded(AGGREGATE_TYPE, sessionId.toString(), firstRevision);
    }

    /** The session's shredding record ({@code shredding-<sessionId>}), empty unless it was shredded. */
    Iterator<TrackedEventMessage<?>> shredding(UUID sessionId) {
        return engine.readRecorded("Shredding", sessionId.toString(), 0);
    }
}
