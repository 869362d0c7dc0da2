package dev.ledgerloop.eventstore;

import com.eventstore.dbclient.RecordedEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decoding for readers of {@code $all}, where one event that cannot be decoded must not stop everything after it. */
final class RecordedEvents {
    private static final Logger log = LoggerFactory.getLogger(RecordedEvents.class);
    private static final int REMEMBERED_WARNINGS = 1_000;

    // Every processor reads $all on its own: without this, one unreadable event is logged once per processor.
    private static final Map<String, Boolean> warned = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_WARNINGS;
        }
    });

    private RecordedEvents() {}

    /**
     * The decoded event, or an {@link UnreadableEvent} in its place: same aggregate (from the stream name {@code
     * <type>-<id>}), sequence number (the revision), message identifier (the event id) and time (EventStoreDB's
     * {@code created}). Logs one WARN per event (not per reader) naming the event and the exception classes, never its content.
     */
    static DomainEventMessage<?> decodeOrStandIn(EventRecordCodec codec, RecordedEvent event) {
        try {
            return codec.decode(event);
        } catch (RuntimeException e) {
            if (codec.isErasure(e)) {
                return standIn(
                        event,
                        new ErasedEvent(
                                event.getStreamId(),
                                event.getRevision(),
                                event.getEventId().toString(),
                                event.getEventType()),
                        readableMetadata(codec, event));
            }
            String reason = SafeReasons.of(e);
            if (warned.put(event.getEventId() + "@" + event.getStreamId(), Boolean.TRUE) == null) {
                log.warn(
                        "Cannot decode {} at revision {} of {} ({}); handing processors an UnreadableEvent: {}",
                        event.getEventType(),
                        event.getRevision(),
                        event.getStreamId(),
                        EventStoreDbPositionToken.at(event.getPosition()),
                        reason);
            }
            return standIn(
                    event,
                    new UnreadableEvent(
                            event.getStreamId(),
                            event.getRevision(),
                            event.getEventId().toString(),
                            event.getEventType(),
                            reason),
                    readableMetadata(codec, event));
        }
    }

    private static DomainEventMessage<?> standIn(RecordedEvent event, Object payload, MetaData metaData) {
        String stream = event.getStreamId();
        int dash = stream.indexOf('-');
        String aggregateType = dash < 0 ? stream : stream.substring(0, dash);
        String aggregateIdentifier = dash < 0 ? stream : stream.substring(dash + 1);
        String eventId = event.getEventId().toString();
        return new GenericDomainEventMessage<>(
                aggregateType,
                aggregateIdentifier,
                event.getRevision(),
                payload,
                metaData,
                eventId,
                event.getCreated());
    }

    private static MetaData readableMetadata(EventRecordCodec codec, RecordedEvent event) {
        try {
            return MetaData.from(codec.readableMetadata(event));
        } catch (RuntimeException unreadable) {
            return MetaData.emptyInstance();
        }
    }
}
