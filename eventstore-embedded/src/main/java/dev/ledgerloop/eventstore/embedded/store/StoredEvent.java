package dev.ledgerloop.eventstore.embedded.store;

/** An event read back from the log, with its global ({@code $all}) position. */
public record StoredEvent(long position, EventRecord record) {}
