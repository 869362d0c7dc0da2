package dev.ledgerloop.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerloop.events.chain.CanonicalJson;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * An event's clear metadata (docs/architecture.md §Event model), stored as the EventStoreDB custom metadata so events
 * can be routed and audited without decryption. The property names are a stored contract; {@link #toJson()} is the
 * canonical form.
 */
public record EventMetadata(
        UUID eventId,
        String spaceId,
        AggregateType aggregateType,
        UUID aggregateId,
        long sequence,
        Actor actor,
        String correlationId,
        String causationId,
        Instant occurredAt,
        int schemaVersion,
        String keyId,
        String prevHash,
        String hash) {

    // Unknown properties are tolerated so that older readers keep reading metadata written by newer code.
    private static final ObjectReader READER =
            Json.MAPPER.readerFor(EventMetadata.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public EventMetadata {
        // Stored with millisecond precision, so the record equals what is read back.
        occurredAt = occurredAt == null ? null : occurredAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Read by {@link EventMetadataReader}, or by databind for what that does not know: always databind's answer. */
    public static EventMetadata fromJson(byte[] json) {
        EventMetadata metadata = EventMetadataReader.read(json);
        return metadata != null ? metadata : readWithDatabind(json);
    }

    /** The reading {@link #fromJson} answers as, kept for the inputs the streaming reader leaves to it. */
    static EventMetadata readWithDatabind(byte[] json) {
        try {
            return READER.readValue(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("Event metadata is not valid JSON for EventMetadata", e);
        }
    }

    /** Canonical JSON (sorted keys, no whitespace, nulls omitted): the bytes stored and hashed. */
    public byte[] toJson() {
        return CanonicalJson.write(toJsonTree());
    }

    ObjectNode toJsonTree() {
        return Json.MAPPER.valueToTree(this);
    }

    /** The metadata as appended: the codec's arguments filled in, checked against what the caller already set. */
    EventMetadata complete(
            UUID eventId, String spaceId, StreamName stream, int schemaVersion, String keyId, String prevHash) {
        Objects.requireNonNull(actor, "metadata actor");
        Objects.requireNonNull(occurredAt, "metadata occurredAt");
        if (this.schemaVersion != 0 && this.schemaVersion != schemaVersion) {
            throw new IllegalArgumentException(
                    "Metadata schemaVersion " + this.schemaVersion + " is not the current version " + schemaVersion);
        }
        return new EventMetadata(
                agreed("eventId", this.eventId, eventId),
                agreed("spaceId", this.spaceId, spaceId),
                agreed("aggregateType", aggregateType, stream.aggregateType()),
                agreed("aggregateId", aggregateId, stream.aggregateId()),
                sequence,
                actor,
                correlationId,
                causationId,
                occurredAt,
                schemaVersion,
                keyId,
                prevHash,
                null);
    }

    EventMetadata withHash(String hash) {
        return new EventMetadata(
                eventId,
                spaceId,
                aggregateType,
                aggregateId,
                sequence,
                actor,
                correlationId,
                causationId,
                occurredAt,
                schemaVersion,
                keyId,
                prevHash,
                hash);
    }

    private static <T> T agreed(String field, T given, T actual) {
        Objects.requireNonNull(actual, field);
        if (given != null && !given.equals(actual)) {
            throw new IllegalArgumentException(
                    "Metadata " + field + " " + given + " does not match the event's " + actual);
        }
        return actual;
    }
}
