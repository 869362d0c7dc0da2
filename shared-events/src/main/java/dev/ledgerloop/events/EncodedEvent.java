package dev.ledgerloop.events;

/**
 * An event ready to append: EventStoreDB event type, encrypted data, and the metadata both as the JSON to store and
 * as a record (its {@code hash} is the next event's {@code prevHash}).
 */
public record EncodedEvent(String eventType, byte[] ciphertext, byte[] metadataJson, EventMetadata metadata) {}
