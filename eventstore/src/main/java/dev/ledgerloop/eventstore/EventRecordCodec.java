package dev.ledgerloop.eventstore;

import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.RecordedEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * Turns an aggregate's event into an EventStoreDB record and back: the place where at-rest encryption plugs in
 * (docs/architecture.md §Event model). {@link #decode} must give back the message identifier, aggregate type and
 * identifier, sequence number, timestamp, payload and metadata that {@link #encode} was given.
 */
public interface EventRecordCodec {

    EventData encode(String streamName, DomainEventMessage<?> message);

    /**
     * The records of one append to {@code streamName}, in order. A codec that links each record to the one before it
     * (the hash chain) links the events of the batch to each other here, without asking anything shared what the
     * stream's head is: the batch is not stored yet, so only it knows.
     */
    default List<EventData> encodeAll(String streamName, List<? extends DomainEventMessage<?>> messages) {
        return messages.stream().map(message -> encode(streamName, message)).toList();
    }

    DomainEventMessage<?> decode(RecordedEvent event);

    /**
     * The EventStoreDB event id of a message: its identifier when that is a UUID (Axon's default), else a name-based
     * UUID of it. Either way a retried append carries the same id, which makes EventStoreDB's idempotence work.
     */
    static UUID eventIdOf(String messageIdentifier) {
        try {
            UUID id = UUID.fromString(messageIdentifier);
            // UUID.fromString also accepts short forms such as "1-2-3-4-5"; only the canonical text is the same id.
            if (id.toString().equalsIgnoreCase(messageIdentifier)) {
                return id;
            }
        } catch (IllegalArgumentException notAUuid) {
            // fall through to the name-based id
        }
        return UUID.nameUUIDFromBytes(messageIdentifier.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The metadata of a record that can be read even when its data cannot (at-rest encryption leaves metadata in
     * clear), in the form {@link #decode} gives it; empty when there is none. An event that cannot be decoded still
     * names, through it, whose it is (the space of a parked event, docs/replay.md).
     */
    default Map<String, ?> readableMetadata(RecordedEvent event) {
        return Map.of();
    }

    /**
     * Whether a decoding failure means the content was erased on purpose (a crypto-shredded stream) rather than an
     * error: readers of {@code $all} then hand processors an {@link ErasedEvent}, which nothing parks.
     */
    default boolean isErasure(RuntimeException decodingFailure) {
        return false;
    }
}
