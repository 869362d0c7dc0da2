package dev.ledgerloop.eventstore.embedded.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One event as it is kept in the log: what the client proposed plus the revision and creation time the node
 * assigned. {@code created} is in .NET ticks (100 ns) since the Unix epoch, the unit EventStoreDB puts on the wire.
 */
public record EventRecord(
        String stream,
        long revision,
        UUID eventId,
        String eventType,
        boolean json,
        long created,
        byte[] data,
        byte[] customMetadata) {

    /** The revision EventStoreDB gives a tombstone record ({@code EventNumber.DeletedStream}). */
    public static final long TOMBSTONE_REVISION = Long.MAX_VALUE;

    public static final String TOMBSTONE_TYPE = "$streamDeleted";
    public static final String METADATA_TYPE = "$metadata";
    public static final String LINK_TYPE = "$>";

    private static final byte FORMAT_VERSION = 1;
    private static final byte FLAG_JSON = 1;

    public String contentType() {
        return json ? "application/json" : "application/octet-stream";
    }

    public boolean isTombstone() {
        return revision == TOMBSTONE_REVISION && TOMBSTONE_TYPE.equals(eventType);
    }

    public ByteBuffer encode() {
        byte[] streamBytes = stream.getBytes(StandardCharsets.UTF_8);
        byte[] typeBytes = eventType.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(
                2 + 8 * 4 + 4 * 4 + streamBytes.length + typeBytes.length + data.length + customMetadata.length);
        buffer.put(FORMAT_VERSION)
                .put(json ? FLAG_JSON : 0)
                .putLong(revision)
                .putLong(created)
                .putLong(eventId.getMostSignificantBits())
                .putLong(eventId.getLeastSignificantBits());
        putBytes(buffer, streamBytes);
        putBytes(buffer, typeBytes);
        putBytes(buffer, data);
        putBytes(buffer, customMetadata);
        return buffer.flip();
    }

    public static EventRecord decode(ByteBuffer buffer) {
        byte version = buffer.get();
        if (version != FORMAT_VERSION) {
            throw new IllegalStateException("Unknown event record format " + version);
        }
        boolean json = (buffer.get() & FLAG_JSON) != 0;
        long revision = buffer.getLong();
        long created = buffer.getLong();
        UUID eventId = new UUID(buffer.getLong(), buffer.getLong());
        String stream = new String(getBytes(buffer), StandardCharsets.UTF_8);
        String eventType = new String(getBytes(buffer), StandardCharsets.UTF_8);
        byte[] data = getBytes(buffer);
        byte[] customMetadata = getBytes(buffer);
        return new EventRecord(stream, revision, eventId, eventType, json, created, data, customMetadata);
    }

    private static void putBytes(ByteBuffer buffer, byte[] bytes) {
        buffer.putInt(bytes.length).put(bytes);
    }

    private static byte[] getBytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.getInt()];
        buffer.get(bytes);
        return bytes;
    }
}
