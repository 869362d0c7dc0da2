package dev.ledgerloop.eventstore;

import com.eventstore.dbclient.RecordedEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decoding for readers of {@code $all}, where one event that cannot be decoded must not stop everything after it. */
final class RecordedEvents {
    private static final Logger log = LoggerFactory.getLogger(RecordedEvents.class);

    private RecordedEvents() {}

    /**
     * The decoded event, or an {@link UnreadableEvent} in its place: same aggregate (from the stream name {@code
     * <type>-<id>}), sequence number (the revision), message identifier (the event id) and time (EventStoreDB's
     * {@code created}). Logs one WARN naming the event and the exception classes, never its content.
     */
    static DomainEventMessage<?> decodeOrStandIn(EventRecordCodec codec, RecordedEvent event) {
        try {
            return codec.decode(event);
        } catch (RuntimeException e) {
            String reason = SafeReasons.of(e);
            log.warn(
                    "Cannot decode {} at revision {} of {} ({}); handing processors an UnreadableEvent: {}",
                    event.getEventType(),
                    event.getRevision(),
                    event.getStreamId(),
                    EventStoreDbPositionToken.at(event.getPosition()),
                    reason);
            return standIn(event, reason);
        }
    }

    private static DomainEventMessage<?> standIn(RecordedEvent event, String reason) {
        String stream = event.getStreamId();
        int dash = stream.indexOf('-');
        String aggregateType = dash < 0 ? stream : stream.substring(0, dash);
        String aggregateIdentifier = dash < 0 ? stream : stream.substring(dash + 1);
        String eventId = event.getEventId().toString();
        UnreadableEvent payload =
                new UnreadableEvent(stream, event.getRevision(), eventId, event.getEventType(), reason);
        return new GenericDomainEventMessage<>(
                aggregateType,
                aggregateIdentifier,
                event.getRevision(),
                payload,
                MetaData.emptyInstance(),
                eventId,
                event.getCreated());
    }
}
