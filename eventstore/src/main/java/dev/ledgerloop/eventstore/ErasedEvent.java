package dev.ledgerloop.eventstore;

/**
 * Stands in for an event of {@code $all} whose content was erased on purpose (its stream was crypto-shredded, see
 * {@link EventRecordCodec#isErasure}): processors receive it in the event's place and pass over it, since the views of
 * an erased stream are written from its shredding record (docs/replay.md). Not an error: nothing parks it.
 *
 * @param stream the stream the event is in, e.g. {@code session-<id>}
 * @param revision its revision in that stream
 * @param eventId EventStoreDB's event id
 * @param eventType the stored event type
 */
public record ErasedEvent(String stream, long revision, String eventId, String eventType) {}
