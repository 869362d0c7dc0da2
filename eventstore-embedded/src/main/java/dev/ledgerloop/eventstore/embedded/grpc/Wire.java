package dev.ledgerloop.eventstore.embedded.grpc;

import com.eventstore.dbclient.proto.shared.Shared;
import com.eventstore.dbclient.proto.streams.StreamsOuterClass.ReadResp;
import com.google.protobuf.ByteString;
import dev.ledgerloop.eventstore.embedded.store.EventRecord;
import dev.ledgerloop.eventstore.embedded.store.StoredEvent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Conversions between the protocol's messages and the store's records. */
final class Wire {
    static final String ALL_STREAM = "$all";
    static final String TYPE = "type";
    static final String CONTENT_TYPE = "content-type";
    static final String CREATED = "created";
    static final String JSON = "application/json";

    private Wire() {}

    static String streamName(Shared.StreamIdentifier identifier) {
        ByteString bytes = identifier.getStreamName();
        if (bytes.isEmpty()) {
            throw RpcErrors.badRequest("Stream name must not be empty");
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw RpcErrors.badRequest("Stream name is not valid UTF-8");
        }
    }

    static String writableStreamName(Shared.StreamIdentifier identifier) {
        String name = streamName(identifier);
        if (ALL_STREAM.equals(name)) {
            throw RpcErrors.badRequest("$all cannot be written to");
        }
        return name;
    }

    static Shared.StreamIdentifier streamIdentifier(String name) {
        return Shared.StreamIdentifier.newBuilder()
                .setStreamName(ByteString.copyFromUtf8(name))
                .build();
    }

    static UUID uuid(Shared.UUID uuid) {
        switch (uuid.getValueCase()) {
            case STRUCTURED:
                return new UUID(
                        uuid.getStructured().getMostSignificantBits(),
                        uuid.getStructured().getLeastSignificantBits());
            case STRING:
                try {
                    return UUID.fromString(uuid.getString());
                } catch (IllegalArgumentException e) {
                    throw RpcErrors.badRequest("Event id is not a UUID");
                }
            default:
                throw RpcErrors.badRequest("Event id is required");
        }
    }

    static Shared.UUID uuid(UUID uuid, boolean asString) {
        if (asString) {
            return Shared.UUID.newBuilder().setString(uuid.toString()).build();
        }
        return Shared.UUID
                .newBuilder()
                .setStructured(Shared.UUID
                        .Structured
                        .newBuilder()
                        .setMostSignificantBits(uuid.getMostSignificantBits())
                        .setLeastSignificantBits(uuid.getLeastSignificantBits()))
                .build();
    }

    static ReadResp.ReadEvent.RecordedEvent recordedEvent(StoredEvent stored, boolean uuidAsString) {
        EventRecord record = stored.record();
        return ReadResp.ReadEvent.RecordedEvent.newBuilder()
                .setId(uuid(record.eventId(), uuidAsString))
                .setStreamIdentifier(streamIdentifier(record.stream()))
                .setStreamRevision(record.revision())
                .setPreparePosition(stored.position())
                .setCommitPosition(stored.position())
                .putMetadata(TYPE, record.eventType())
                .putMetadata(CONTENT_TYPE, record.contentType())
                .putMetadata(CREATED, Long.toString(record.created()))
                .setCustomMetadata(ByteString.copyFrom(record.customMetadata()))
                .setData(ByteString.copyFrom(record.data()))
                .build();
    }

    static ReadResp.Checkpoint checkpoint(long position) {
        return ReadResp.Checkpoint.newBuilder()
                .setCommitPosition(position)
                .setPreparePosition(position)
                .build();
    }
}
