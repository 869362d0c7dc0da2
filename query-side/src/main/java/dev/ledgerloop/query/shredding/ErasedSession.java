package dev.ledgerloop.query.shredding;

import com.eventstore.dbclient.RecordedEvent;
import dev.ledgerloop.events.EventMetadata;
import dev.ledgerloop.events.StreamNames;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What the views of a shredded session are written from (docs/replay.md §Shredded streams): the clear part of its
 * records, which needs no key (type, revision, event id, time, actor). Views erase a session from this, whether they
 * meet its shredding live or in a rebuild, so both give the same erased documents.
 */
@Component
public class ErasedSession {
    private final EventStoreDbStorageEngine engine;

    ErasedSession(EventStoreDbStorageEngine engine) {
        this.engine = engine;
    }

    /** One stored event of the erased session, without its content. */
    public record Record(String eventId, long revision, String type, Instant occurredAt, String spaceId) {}

    public List<Record> records(UUID sessionId) {
        List<Record> records = new ArrayList<>();
        for (RecordedEvent event : engine.readRawStream(StreamNames.session(sessionId))) {
            EventMetadata metadata = EventMetadata.fromJson(event.getUserMetadata());
            records.add(new Record(
                    event.getEventId().toString(),
                    event.getRevision(),
                    event.getEventType(),
                    metadata.occurredAt(),
                    metadata.spaceId()));
        }
        return records;
    }
}
