package dev.ledgerloop.eventstore;

import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.EventDataBuilder;
import com.eventstore.dbclient.RecordedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.LazyDeserializingObject;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Stores the payload as clear JSON through Axon's {@link JacksonSerializer}, with the Axon envelope as JSON custom
 * metadata (see {@link RecordMetadata}). The EventStoreDB event type is the payload's simple class name; the class
 * the serializer needs is in the metadata. Payload and Axon metadata are deserialized lazily, when a handler asks.
 */
public final class JsonEventRecordCodec implements EventRecordCodec {
    private final JacksonSerializer serializer;
    private final ObjectMapper envelopeMapper = JsonMapper.builder().build();

    public JsonEventRecordCodec(JacksonSerializer serializer) {
        this.serializer = serializer;
    }

    /** A codec over Axon's default Jackson serializer (which handles records and {@code java.time}). */
    public static JsonEventRecordCodec withDefaultSerializer() {
        return new JsonEventRecordCodec(JacksonSerializer.defaultSerializer());
    }

    @Override
    public EventData encode(String streamName, DomainEventMessage<?> message) {
        SerializedObject<byte[]> payload = serializer.serialize(message.getPayload(), byte[].class);
        SerializedObject<byte[]> metaData = serializer.serialize(message.getMetaData(), byte[].class);
        RecordMetadata envelope = new RecordMetadata(
                message.getIdentifier(),
                message.getType(),
                message.getAggregateIdentifier(),
                message.getSequenceNumber(),
                message.getTimestamp().toString(),
                payload.getType().getName(),
                payload.getType().getRevision(),
                readTree(metaData.getData()));
        return EventDataBuilder.json(
                        EventRecordCodec.eventIdOf(message.getIdentifier()),
                        eventType(message, payload.getType()),
                        payload.getData())
                .metadataAsBytes(writeBytes(envelope))
                .build();
    }

    @Override
    public DomainEventMessage<?> decode(RecordedEvent event) {
        RecordMetadata envelope = RecordMetadata.parse(envelopeMapper, event);
        SerializedObject<byte[]> payload = new SimpleSerializedObject<>(
                event.getEventData(), byte[].class, envelope.payloadType(), envelope.payloadRevision());
        SerializedMessage<Object> message = new SerializedMessage<>(
                envelope.messageId(), new LazyDeserializingObject<>(payload, serializer), metaData(envelope));
        Instant timestamp = Instant.parse(envelope.timestamp());
        return new GenericDomainEventMessage<>(
                envelope.aggregateType(),
                envelope.aggregateIdentifier(),
                envelope.sequenceNumber(),
                message,
                () -> timestamp);
    }

    private LazyDeserializingObject<MetaData> metaData(RecordMetadata envelope) {
        if (envelope.axonMetaData() == null || envelope.axonMetaData().isNull()) {
            return new LazyDeserializingObject<>(MetaData.emptyInstance());
        }
        return new LazyDeserializingObject<>(
                new SimpleSerializedObject<>(
                        writeBytes(envelope.axonMetaData()), byte[].class, serializer.typeForClass(MetaData.class)),
                serializer);
    }

    /**
     * The stable, readable name docs/architecture.md §Event model asks for; anonymous and local classes fall back to
     * the serializer's.
     */
    private static String eventType(DomainEventMessage<?> message, SerializedType serializedType) {
        String simpleName = message.getPayloadType().getSimpleName();
        return simpleName.isEmpty() ? serializedType.getName() : simpleName;
    }

    private JsonNode readTree(byte[] json) {
        try {
            return envelopeMapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("The serializer did not write JSON metadata", e);
        }
    }

    private byte[] writeBytes(Object value) {
        try {
            return envelopeMapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
