package dev.ledgerloop.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eventstore.dbclient.AppendToStreamOptions;
import com.eventstore.dbclient.EventData;
import com.eventstore.dbclient.EventDataBuilder;
import com.eventstore.dbclient.ExpectedRevision;
import com.eventstore.dbclient.ReadStreamOptions;
import com.eventstore.dbclient.RecordedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerloop.eventstore.counter.CounterEvent.CounterIncremented;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.UnknownSerializedType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The default codec, through a real write and read, so that the record is what EventStoreDB gives back. */
class JsonEventRecordCodecTest {
    @RegisterExtension
    static final EventStoreNode node = new EventStoreNode();

    private final JsonEventRecordCodec codec = JsonEventRecordCodec.withDefaultSerializer();

    private final String counterId = UUID.randomUUID().toString();
    private final String messageId = UUID.randomUUID().toString();
    private final Instant timestamp = Instant.parse("2025-03-01T10:15:30.123456Z");
    private final DomainEventMessage<?> message = new GenericDomainEventMessage<>(
            "Counter",
            counterId,
            4,
            new CounterIncremented(counterId, 2, 9),
            MetaData.from(Map.of("traceId", "t-1", "attempt", 2)),
            messageId,
            timestamp);

    @Test
    void an_event_comes_back_as_the_same_axon_message() throws Exception {
        RecordedEvent stored = store(codec.encode("counter-" + counterId, message));

        DomainEventMessage<?> decoded = codec.decode(stored);

        assertThat(decoded.getIdentifier()).isEqualTo(messageId);
        assertThat(decoded.getType()).isEqualTo("Counter");
        assertThat(decoded.getAggregateIdentifier()).isEqualTo(counterId);
        assertThat(decoded.getSequenceNumber()).isEqualTo(4);
        assertThat(decoded.getTimestamp()).isEqualTo(timestamp);
        assertThat(decoded.getPayloadType()).isEqualTo(CounterIncremented.class);
        assertThat(decoded.getPayload()).isEqualTo(new CounterIncremented(counterId, 2, 9));
        assertThat(decoded.getMetaData()).containsEntry("traceId", "t-1").containsEntry("attempt", 2);
    }

    @Test
    void an_event_whose_payload_class_is_gone_still_decodes_because_the_payload_is_read_lazily() throws Exception {
        EventData encoded = codec.encode("counter-" + counterId, message);
        ObjectNode metadata = (ObjectNode) new ObjectMapper().readTree(encoded.getUserMetadata());
        metadata.put("payloadType", "com.example.RemovedEvent");
        EventData renamed = EventDataBuilder.json(encoded.getEventId(), "RemovedEvent", encoded.getEventData())
                .metadataAsBytes(new ObjectMapper().writeValueAsBytes(metadata))
                .build();

        DomainEventMessage<?> decoded = codec.decode(store(renamed));

        assertThat(decoded.getSequenceNumber()).isEqualTo(4);
        assertThat(decoded.getPayloadType()).isEqualTo(UnknownSerializedType.class);
    }

    @Test
    void the_record_has_a_readable_type_json_data_and_the_axon_envelope_as_clear_metadata() throws Exception {
        RecordedEvent stored = store(codec.encode("counter-" + counterId, message));

        assertThat(stored.getEventId()).isEqualTo(UUID.fromString(messageId));
        assertThat(stored.getEventType()).isEqualTo("CounterIncremented");
        assertThat(stored.getContentType()).isEqualTo("application/json");
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(stored.getEventData()).get("value").asInt()).isEqualTo(9);
        JsonNode metadata = json.readTree(stored.getUserMetadata());
        assertThat(metadata.get("messageId").asText()).isEqualTo(messageId);
        assertThat(metadata.get("aggregateType").asText()).isEqualTo("Counter");
        assertThat(metadata.get("aggregateIdentifier").asText()).isEqualTo(counterId);
        assertThat(metadata.get("sequenceNumber").asLong()).isEqualTo(4);
        assertThat(metadata.get("timestamp").asText()).isEqualTo("2025-03-01T10:15:30.123456Z");
        assertThat(metadata.get("payloadType").asText()).isEqualTo(CounterIncremented.class.getName());
        assertThat(metadata.get("axonMetaData").get("traceId").asText()).isEqualTo("t-1");
    }

    @Test
    void an_event_written_without_the_axon_envelope_is_refused_with_its_place() throws Exception {
        RecordedEvent foreign = store(EventDataBuilder.json(UUID.randomUUID(), "SomethingElse", "{}".getBytes())
                .build());

        assertThatThrownBy(() -> codec.decode(foreign))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SomethingElse")
                .hasMessageContaining("stray-" + counterId);
    }

    private RecordedEvent store(EventData data) throws Exception {
        String stream = data.getEventType().equals("SomethingElse") ? "stray-" + counterId : "counter-" + counterId;
        node.client()
                .appendToStream(stream, AppendToStreamOptions.get().expectedRevision(ExpectedRevision.any()), data)
                .get(10, TimeUnit.SECONDS);
        return node.client()
                .readStream(
                        stream, ReadStreamOptions.get().backwards().fromEnd().maxCount(1))
                .get(10, TimeUnit.SECONDS)
                .getEvents()
                .get(0)
                .getEvent();
    }
}
