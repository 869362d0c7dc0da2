package dev.ledgerloop.events.merkle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerloop.jcs.Jcs;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

/**
 * The leaf input of one stored event (docs/verifiable-record.md §Leaves): the RFC 8785 canonical JSON of {@code
 * {"stream","revision","eventId","type","metadata","dataSha256"}}, where {@code metadata} is the clear metadata as
 * stored without top-level names starting with {@code $} (the EventStoreDB client adds {@code $traceId} and {@code
 * $spanId}; the hash chain leaves them out for the same reason) and {@code dataSha256} the lowercase hex SHA-256 of the
 * stored, encrypted data. Nothing in it needs the data key, so a leaf stays checkable after the key is destroyed.
 */
public final class LeafInput {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LeafInput() {}

    /** @throws IllegalArgumentException when the metadata is not a JSON object within {@link Jcs}'s subset */
    public static byte[] of(String stream, long revision, UUID eventId, String type, byte[] metadata, byte[] data) {
        return of(stream, revision, eventId, type, parse(metadata), data);
    }

    /**
     * The same for metadata the caller parsed already (with a default Jackson mapper; a stricter parse that refuses
     * what the default accepts is fine).
     *
     * @throws IllegalArgumentException when the metadata is not a JSON object within {@link Jcs}'s subset
     */
    public static byte[] of(String stream, long revision, UUID eventId, String type, JsonNode metadata, byte[] data) {
        if (metadata == null || !metadata.isObject()) {
            throw new IllegalArgumentException("The event's metadata is not a JSON object");
        }
        ObjectNode leaf = MAPPER.createObjectNode();
        leaf.put("stream", stream);
        leaf.put("revision", revision);
        leaf.put("eventId", eventId.toString());
        leaf.put("type", type);
        leaf.set("metadata", clearMetadata(metadata));
        leaf.put("dataSha256", HexFormat.of().formatHex(MerkleHash.sha256(data == null ? new byte[0] : data)));
        return Jcs.write(leaf);
    }

    private static JsonNode parse(byte[] metadata) {
        try {
            return metadata == null || metadata.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(metadata);
        } catch (IOException e) {
            throw new IllegalArgumentException("The event's metadata is not JSON", e);
        }
    }

    private static ObjectNode clearMetadata(JsonNode parsed) {
        ObjectNode clear = MAPPER.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = parsed.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getKey().startsWith("$")) {
                clear.set(field.getKey(), field.getValue());
            }
        }
        return clear;
    }
}
