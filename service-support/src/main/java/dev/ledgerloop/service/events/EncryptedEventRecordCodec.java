package dev.ledgerloop.service.events;

import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.EventDataBuilder;
import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.RecordedEvent;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ledgerloop.events.AggregateEvent;
import dev.ledgerloop.events.AggregateType;
import dev.ledgerloop.events.EncodedEvent;
import dev.ledgerloop.events.EventCodec;
import dev.ledgerloop.events.EventMetadata;
import dev.ledgerloop.events.crypto.StreamShreddedException;
import dev.ledgerloop.eventstore.EventRecordCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

/**
 * The record codec of docs/architecture.md §At-rest encryption and §Hash chain: the payload AES-GCM encrypted under the
 * stream's data key, the clear metadata chained onto the stream's previous event. Axon metadata is not stored as such:
 * the space and actor (see {@link EventContext}) and Axon's correlation ids become fields of {@link EventMetadata}, and
 * come back as Axon metadata on decode.
 */
public final class EncryptedEventRecordCodec implements EventRecordCodec {
    // Axon's MessageOriginProvider: "correlationId" is the id of the message that caused this one, "traceId" the id
    // of the first message of the chain. docs/architecture.md §Event model calls those the causation and the
    // correlation id.
    private static final String AXON_CAUSE = "correlationId";
    private static final String AXON_ORIGIN = "traceId";

    // Every processor of a service reads every event of $all; decrypting and parsing each once per service, not once
    // per processor, matters with a dozen processors (measured: webhook deliveries/s). Messages are immutable.
    private static final int RECENTLY_DECODED = 10_000;

    private static final long CHAIN_HEADS = 100_000;

    private final EventCodec codec;
    private final ChainHeads chainHeads;
    private final Cache<String, Decoded> recentlyDecoded =
            Caffeine.newBuilder().maximumSize(RECENTLY_DECODED).build();

    EncryptedEventRecordCodec(EventCodec codec, ChainHeads chainHeads) {
        this.codec = codec;
        this.chainHeads = chainHeads;
    }

    /**
     * The codec as the services use it: the chain heads of the last {@value #CHAIN_HEADS} streams remembered, any other
     * read from the stream through {@code client} within {@code callDeadline}.
     */
    public static EncryptedEventRecordCodec create(EventCodec codec, EventStoreDBClient client, Duration callDeadline) {
        return new EncryptedEventRecordCodec(codec, new ChainHeads(client, callDeadline, CHAIN_HEADS));
    }

    @Override
    public EventData encode(String streamName, DomainEventMessage<?> message) {
        return encodeOnto(streamName, message, chainHeads.previousHash(streamName, message.getSequenceNumber()))
                .record();
    }

    /**
     * Each event after the first chains onto the one before it in the batch. Asking the remembered heads for it
     * instead raced with readers: a processor decoding the stream's older events remembers their (stored) heads, and
     * between two events of one append it could put the head back by one, so the second event looked for the first in
     * the store, where it is not yet (a delivery's attempt failed to record that way now and then).
     */
    @Override
    public List<EventData> encodeAll(String streamName, List<? extends DomainEventMessage<?>> messages) {
        List<EventData> records = new ArrayList<>(messages.size());
        Encoded previous = null;
        long previousSequence = -1;
        for (DomainEventMessage<?> message : messages) {
            String chainsOnto = previous != null && message.getSequenceNumber() == previousSequence + 1
                    ? previous.hash()
                    : chainHeads.previousHash(streamName, message.getSequenceNumber());
            previous = encodeOnto(streamName, message, chainsOnto);
            previousSequence = message.getSequenceNumber();
            records.add(previous.record());
        }
        return records;
    }

    private record Encoded(EventData record, String hash) {}

    private Encoded encodeOnto(String streamName, DomainEventMessage<?> message, String previousHash) {
        if (!(message.getPayload() instanceof AggregateEvent)) {
            throw new IllegalArgumentException(
                    "No at-rest encoding for " + message.getPayloadType().getName());
        }
        MetaData context = message.getMetaData();
        UUID eventId = EventRecordCodec.eventIdOf(message.getIdentifier());
        EventMetadata partial = new EventMetadata(
                null,
                null,
                null,
                null,
                message.getSequenceNumber(),
                EventContext.actor(context),
                text(context.get(AXON_ORIGIN)),
                text(context.get(AXON_CAUSE)),
                message.getTimestamp(),
                0,
                null,
                null,
                null);
        EncodedEvent encoded = codec.encode(
                EventContext.spaceIdText(context),
                streamName,
                eventId,
                (AggregateEvent) message.getPayload(),
                partial,
                previousHash);
        chainHeads.remember(
                streamName, message.getSequenceNumber(), encoded.metadata().hash());
        return new Encoded(
                EventDataBuilder.binary(eventId, encoded.eventType(), encoded.ciphertext())
                        .metadataAsBytes(encoded.metadataJson())
                        .build(),
                encoded.metadata().hash());
    }

    @Override
    public DomainEventMessage<?> decode(RecordedEvent event) {
        Decoded decoded = recentlyDecoded.get(
                event.getEventId() + "@" + event.getStreamId() + ":" + event.getRevision(), key -> decodeFresh(event));
        chainHeads.remember(event.getStreamId(), decoded.message().getSequenceNumber(), decoded.hash());
        return decoded.message();
    }

    /** The space and the actor, from the clear metadata, for an event whose data cannot be decoded. */
    @Override
    public Map<String, ?> readableMetadata(RecordedEvent event) {
        EventMetadata metadata = EventMetadata.fromJson(event.getUserMetadata());
        return Map.of(
                EventContext.SPACE_ID, metadata.spaceId(),
                EventContext.ACTOR_ID, metadata.actor().id(),
                EventContext.ACTOR_KIND, metadata.actor().kind().name());
    }

    @Override
    public boolean isErasure(RuntimeException decodingFailure) {
        return decodingFailure instanceof StreamShreddedException;
    }

    /**
     * Forgets what was decoded from a stream: after its shredding, nothing read before may be answered from memory.
     * The remembered chain heads stay (they are hashes of the stored records, not content).
     */
    public void forget(String streamId) {
        String suffix = "@" + streamId + ":";
        recentlyDecoded.asMap().keySet().removeIf(key -> key.contains(suffix));
    }

    private record Decoded(DomainEventMessage<?> message, String hash) {}

    private Decoded decodeFresh(RecordedEvent event) {
        EventMetadata metadata = EventMetadata.fromJson(event.getUserMetadata());
        AggregateEvent payload =
                codec.decode(event.getStreamId(), event.getEventType(), event.getEventData(), event.getUserMetadata());
        Map<String, Object> context = new HashMap<>();
        context.put(EventContext.SPACE_ID, metadata.spaceId());
        context.put(EventContext.ACTOR_ID, metadata.actor().id());
        context.put(EventContext.ACTOR_KIND, metadata.actor().kind().name());
        context.put(EventContext.HASH, metadata.hash());
        putIfPresent(context, AXON_ORIGIN, metadata.correlationId());
        putIfPresent(context, AXON_CAUSE, metadata.causationId());
        return new Decoded(
                new GenericDomainEventMessage<>(
                        axonType(metadata.aggregateType()),
                        metadata.aggregateId().toString(),
                        metadata.sequence(),
                        payload,
                        context,
                        metadata.eventId().toString(),
                        metadata.occurredAt()),
                metadata.hash());
    }

    /** The aggregate type Axon stamps on events: the aggregate class's simple name ("session" → "Session"). */
    static String axonType(AggregateType type) {
        String value = type.value();
        return value.substring(0, 1).toUpperCase(Locale.ROOT) + value.substring(1);
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
