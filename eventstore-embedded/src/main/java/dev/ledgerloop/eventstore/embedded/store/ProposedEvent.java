package dev.ledgerloop.eventstore.embedded.store;

import java.util.UUID;

/** An event a client asks to append. */
public record ProposedEvent(UUID eventId, String eventType, boolean json, byte[] data, byte[] customMetadata) {

    /** Bytes counted against the maximum append size, as EventStoreDB counts them (data plus metadata). */
    public long size() {
        return (long) data.length + customMetadata.length;
    }
}
