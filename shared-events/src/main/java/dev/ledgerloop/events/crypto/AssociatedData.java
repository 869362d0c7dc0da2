package dev.ledgerloop.events.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * What an event's ciphertext is bound to (docs/architecture.md §At-rest encryption): a ciphertext moved to another
 * stream, event id, event type or schema version fails to decrypt.
 */
public record AssociatedData(String streamId, UUID eventId, String eventType, int schemaVersion) {
    private static final String LABEL = "ledgerloop/event/v1";

    public AssociatedData {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
    }

    /** Each field length-prefixed (4 bytes, big-endian) so no boundary between fields can be shifted. */
    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        for (String field :
                new String[] {LABEL, streamId, eventId.toString(), eventType, Integer.toString(schemaVersion)}) {
            byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(utf8.length).array());
            out.writeBytes(utf8);
        }
        return out.toByteArray();
    }
}
