package dev.ledgerloop.eventstore.embedded.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * One version of a stream's metadata, i.e. one {@code $metadata} event in its {@code $$<stream>} metastream. Only
 * {@code $tb} (truncate before) changes what the node serves; soft delete is {@code $tb = Long.MAX_VALUE}, as in
 * EventStoreDB. Versions are chained so a reader can find the newest one that is already durable.
 */
record StreamMetadataVersion(long position, long truncateBefore, ObjectNode json, StreamMetadataVersion previous) {
    static final String TRUNCATE_BEFORE = "$tb";
    static final long SOFT_DELETED = Long.MAX_VALUE;
    private static final ObjectMapper JSON = new ObjectMapper();

    static StreamMetadataVersion parse(long position, byte[] data, StreamMetadataVersion previous) {
        ObjectNode json;
        try {
            JsonNode node = JSON.readTree(data);
            json = node instanceof ObjectNode object ? object : JSON.createObjectNode();
        } catch (IOException e) {
            // EventStoreDB stores metadata it cannot parse and serves the stream as if it had none.
            json = JSON.createObjectNode();
        }
        JsonNode tb = json.get(TRUNCATE_BEFORE);
        long truncateBefore = tb != null && tb.canConvertToLong() ? tb.asLong() : 0;
        return new StreamMetadataVersion(position, truncateBefore, json, previous);
    }

    boolean softDeleted() {
        return truncateBefore == SOFT_DELETED;
    }

    /** The metadata document with {@code $tb} replaced, keeping every other setting (ACLs, max age, ...). */
    static byte[] withTruncateBefore(StreamMetadataVersion current, long truncateBefore) {
        ObjectNode json = current == null ? JSON.createObjectNode() : current.json.deepCopy();
        json.put(TRUNCATE_BEFORE, truncateBefore);
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
