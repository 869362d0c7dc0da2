package dev.ledgerloop.eventstore;

import com.eventstore.dbclient.RecordedEvent;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The clear JSON custom metadata {@link JsonEventRecordCodec} writes next to each event: enough to route and audit an
 * event without its payload. Unknown fields are ignored: the client adds {@code $traceId} and {@code $spanId}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record RecordMetadata(
        String messageId,
        String aggregateType,
        String aggregateIdentifier,
        long sequenceNumber,
        String timestamp,
        String payloadType,
        String payloadRevision,
        JsonNode axonMetaData) {

    static RecordMetadata parse(ObjectMapper mapper, RecordedEvent event) {
        RecordMetadata metadata;
        try {
            byte[] json = event.getUserMetadata();
            metadata = json == null || json.length == 0 ? null : mapper.readValue(json, RecordMetadata.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("Unreadable metadata on " + describe(event), e);
        }
        if (metadata == null
                || metadata.messageId() == null
                || metadata.aggregateType() == null
                || metadata.aggregateIdentifier() == null
                || metadata.timestamp() == null
                || metadata.payloadType() == null) {
            throw new IllegalArgumentException(
                    "Not an aggregate event written by Ledgerloop (no Axon envelope in its metadata): "
                            + describe(event));
        }
        return metadata;
    }

    private static String describe(RecordedEvent event) {
        return event.getEventType() + " at revision " + event.getRevision() + " of " + event.getStreamId();
    }
}
