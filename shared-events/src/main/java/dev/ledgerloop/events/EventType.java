package dev.ledgerloop.events;

/** An event record's stored identity: its EventStoreDB event type name and its current schema version. */
public record EventType(String name, int schemaVersion, Class<? extends AggregateEvent> recordClass) {}
