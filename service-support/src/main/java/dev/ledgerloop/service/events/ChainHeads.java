package dev.ledgerloop.service.events;

import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.ReadStreamOptions;
import com.eventstore.dbclient.ResolvedEvent;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ledgerloop.events.EventMetadata;
import dev.ledgerloop.events.chain.HashChain;
import dev.ledgerloop.eventstore.CompletionThreads;
import dev.ledgerloop.eventstore.EventStoreUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    private final EventStoreDBClient client;
    private final Duration deadline;
    private final Cache<String, Head> heads;

    ChainHeads(EventStoreDBClient client, Duration deadline, long maxStreams) {
        this.client = client;
        this.deadline = deadline;
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
        CompletionThreads.refuseToWait("reading the chain head of " + stream);
        try {
            List<ResolvedEvent> events = client.readStream(
                            stream,
                            ReadStreamOptions.get()
                                    .fromRevision(revision)
                                    .maxCount(1)
                                    .notResolveLinkTos()
                                    .deadline(deadline.toMillis()))
                    .get(deadline.toMillis() + 1000, TimeUnit.MILLISECONDS)
                    .getEvents();
            if (events.isEmpty() || events.get(0).getEvent().getRevision() != revision) {
                throw new IllegalStateException(
                        "Stream " + stream + " has no event at revision " + revision + " to chain onto");
            }
            EventMetadata metadata =
                    EventMetadata.fromJson(events.get(0).getEvent().getUserMetadata());
            return metadata.hash();
        } catch (TimeoutException e) {
            throw new EventStoreUnavailableException(
                    "EventStoreDB did not answer in " + deadline + " reading the chain head of " + stream, e);
        } catch (ExecutionException e) {
            if (EventStoreUnavailableException.isUnavailable(e.getCause())) {
                throw new EventStoreUnavailableException(
                        "EventStoreDB could not be reached or did not answer in " + deadline
                                + " reading the chain head of " + stream,
                        e.getCause());
            }
            throw new IllegalStateException("Cannot read the chain head of " + stream, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted reading the chain head of " + stream, e);
        }
    }
}
