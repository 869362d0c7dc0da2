package dev.ledgerloop.service.events;

import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.ReadStreamOptions;
import com.eventstore.dbclient.StreamNotFoundException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ledgerloop.events.AggregateType;
import dev.ledgerloop.events.StreamName;
import dev.ledgerloop.events.StreamNames;
import dev.ledgerloop.events.crypto.ShredRecords;
import dev.ledgerloop.eventstore.ClientCalls;
import java.time.Duration;
import org.axonframework.eventsourcing.eventstore.EventStoreException;

/**
 * The log's word on shredding: a session stream is shredded once its stream {@code shredding-<sessionId>} exists (its
 * first event is {@code SessionShredRequested}). Asked by the keyring only for a key it has not cached; a yes is
 * final and remembered, a no is asked again next time.
 */
final class LoggedShredRecords implements ShredRecords {
    private static final long REMEMBERED = 100_000;

    private final ClientCalls calls;
    private final Cache<String, Boolean> shredded =
            Caffeine.newBuilder().maximumSize(REMEMBERED).build();

    LoggedShredRecords(EventStoreDBClient client, Duration deadline) {
        this.calls = new ClientCalls(client, deadline);
    }

    @Override
    public boolean isShredded(String streamId) {
        StreamName stream = StreamNames.tryParse(streamId).orElse(null);
        if (stream == null || stream.aggregateType() != AggregateType.SESSION) {
            return false;
        }
        if (shredded.getIfPresent(streamId) != null) {
            return true;
        }
        boolean recorded = exists(StreamNames.of(AggregateType.SHREDDING, stream.aggregateId()));
        if (recorded) {
            shredded.put(streamId, Boolean.TRUE);
        }
        return recorded;
    }

    private boolean exists(String stream) {
        try {
            return !calls.readStream(
                            stream,
                            ReadStreamOptions.get().fromStart().maxCount(1).notResolveLinkTos(),
                            "reading " + stream)
                    .getEvents()
                    .isEmpty();
        } catch (StreamNotFoundException e) {
            return false;
        } catch (EventStoreException e) {
            throw new IllegalStateException("Cannot read " + stream, e);
        }
    }
}
