package dev.ledgerloop.eventstore.embedded.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * One version of a stream's metadata, i.e. one {@code $metadata} event in its {@code $$<stream>} metastream.
 * {@code $tb} (truncate before) and {@code $maxCount} change what the node serves; soft delete is
 * {@code $tb = Long.MAX_VALUE}, as in EventStoreDB. {@code $maxAge} and ACLs are stored but not enforced. Versions
 * are chained so a reader can find the newest one that is already durable.
 */
record StreamMetadataVersion(
        long position, long truncateBefore, long maxCount, ObjectNode json, StreamMetadataVersion previous) {
    static final String TRUNCATE_BEFORE = "$tb";
    static final String MAX_COUNT = "$maxCount";
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
        return new StreamMetadataVersion(
                position,
                longField(json, TRUNCATE_BEFORE, 0),
                longField(json, MAX_COUNT, Long.MAX_VALUE),
                json,
                previous);
    }

    private static long longField(ObjectNode json, String name, long absent) {
        JsonNode value = json.get(name);
        return value != null && value.canConvertToLong() ? value.asLong() : absent;
    }

    boolean softDeleted() {
        return truncateBefore == SOFT_DELETED;
    }

    /** The first revision readers may see in a stream of {@code count} events. */
    long firstVisibleRevision(long count) {
        long byCount = maxCount > 0 && maxCount < count ? count - maxCount : 0;
        return Math.min(Math.max(Math.max(truncateBefore, byCount), 0), count);
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
