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
import dev.ledgerloop.eventstore.CompletionThreads;
import dev.ledgerloop.eventstore.EventStoreUnavailableException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The log's word on shredding: a session stream is shredded once its stream {@code shredding-<sessionId>} exists (its
 * first event is {@code SessionShredRequested}). Asked by the keyring only for a key it has not cached; a yes is
 * final and remembered, a no is asked again next time.
 */
final class LoggedShredRecords implements ShredRecords {
    private static final long REMEMBERED = 100_000;

    private final EventStoreDBClient client;
    private final Duration deadline;
    private final Cache<String, Boolean> shredded =
            Caffeine.newBuilder().maximumSize(REMEMBERED).build();

    LoggedShredRecords(EventStoreDBClient client, Duration deadline) {
        this.client = client;
        this.deadline = deadline;
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
        CompletionThreads.refuseToWait("reading " + stream);
        try {
            return !client.readStream(
                            stream,
                            ReadStreamOptions.get()
                                    .fromStart()
                                    .maxCount(1)
                                    .notResolveLinkTos()
                                    .deadline(deadline.toMillis()))
                    .get(deadline.toMillis() + 1000, TimeUnit.MILLISECONDS)
                    .getEvents()
                    .isEmpty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StreamNotFoundException) {
                return false;
            }
            if (EventStoreUnavailableException.isUnavailable(e.getCause())) {
                throw new EventStoreUnavailableException(
                        "EventStoreDB could not be reached or did not answer in " + deadline + " reading " + stream,
                        e.getCause());
            }
            throw new IllegalStateException("Cannot read " + stream, e);
        } catch (TimeoutException e) {
            throw new EventStoreUnavailableException(
                    "EventStoreDB did not answer in " + deadline + " reading " + stream, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted reading " + stream, e);
        }
    }
}
