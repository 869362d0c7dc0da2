package dev.ledgerloop.query.session;

import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import java.util.Iterator;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.stereotype.Component;

/**
 * A session's own stream in the log, read as the processors read {@code $all}: decoded by the same codec, each event
 * tracked at its {@code $all} position, an undecodable one as an {@code UnreadableEvent}.
 */
@Component
public class SessionStream {
    /** The aggregate type the command side's {@code Session} writes its events under. */
    public static final String AGGREGATE_TYPE = "Session";

    private final EventStoreDbStorageEngine engine;

    public SessionStream(EventStoreDbStorageEngine engine) {
        this.engine = engine;
    }

    /** The session's events from {@code firstRevision} on, read a page at a time as they are consumed. */
    public Iterator<TrackedEventMessage<?>> from(UUID sessionId, long firstRevision) {
        return engine.readRecorded(AGGREGATE_TYPE, sessionId.toString(), firstRevision);
    }

    /** The session's shredding record ({@code shredding-<sessionId>}), empty unless it was shredded. */
    public Iterator<TrackedEventMessage<?>> shredding(UUID sessionId) {
        return engine.readRecorded("Shredding", sessionId.toString(), 0);
    }

    /** The revision of the session's last event; empty when it has no stream. */
    public Optional<Long> lastRevision(UUID sessionId) {
        return engine.lastSequenceNumberFor(AGGREGATE_TYPE, sessionId.toString());
    }
}
