package dev.ledgerloop.service.events;

import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.ReadStreamOptions;
import com.eventstore.dbclient.ResolvedEvent;
import com.eventstore.dbclient.StreamNotFoundException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ledgerloop.events.EventMetadata;
import dev.ledgerloop.events.chain.HashChain;
import dev.ledgerloop.eventstore.ClientCalls;
import java.time.Duration;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStoreException;

/**
 * The hash of each stream's latest event, so the next event can chain onto it. Learned from every event this
 * process encodes or decodes: a command loads its aggregate (decoding the stream up to its last event) before it
 * appends, so the head is nearly always known. When it is not, it is read from the stream.
 *
 * <p>A head remembered for an append that then failed is harmless: the retry reloads the aggregate and its decoded
 * events put the real head back before the next encode.
 */
final class ChainHeads {
    private record Head(long sequence, String hash) {}

    private final ClientCalls calls;
    private final Cache<String, Head> heads;

    ChainHeads(EventStoreDBClient client, Duration deadline, long maxStreams) {
        this.calls = new ClientCalls(client, deadline);
        this.heads = Caffeine.newBuilder().maximumSize(maxStreams).build();
    }

    void remember(String stream, long sequence, String hash) {
        heads.put(stream, new Head(sequence, hash));
    }

    /** The hash the event at {@code sequence} chains onto. */
    String previousHash(String stream, long sequence) {
        if (sequence == 0) {
            return HashChain.GENESIS;
        }
        Head head = heads.getIfPresent(stream);
        if (head != null && head.sequence() == sequence - 1) {
            return head.hash();
        }
        return readHash(stream, sequence - 1);
    }

    private String readHash(String stream, long revision) {
        List<ResolvedEvent> events;
        try {
            events = calls.readStream(
                            stream,
                            ReadStreamOptions.get()
                                    .fromRevision(revision)
                                    .maxCount(1)
                                    .notResolveLinkTos(),
                            "reading the chain head of " + stream)
                    .getEvents();
        } catch (EventStoreException | StreamNotFoundException e) {
            throw new IllegalStateException("Cannot read the chain head of " + stream, e);
        }
        if (events.isEmpty() || events.get(0).getEvent().getRevision() != revision) {
            throw new IllegalStateException(
                    "Stream " + stream + " has no event at revision " + revision + " to chain onto");
        }
        return EventMetadata.fromJson(events.get(0).getEvent().getUserMetadata())
                .hash();
    }
}
