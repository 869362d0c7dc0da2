package dev.ledgerloop.eventstore;

/**
 * Stands in for an event of {@code $all} that the codec could not decode (an unknown type during a rolling upgrade, a
 * payload whose data key is gone, a bug): processors receive it in the event's place, with the event's stream,
 * revision and position, so that one such event parks instead of stalling every processor (docs/replay.md).
 *
 * @param stream the stream the event is in, e.g. {@code session-<id>}
 * @param revision its revision in that stream
 * @param eventId EventStoreDB's event id
 * @param eventType the stored event type
 * @param reason why it could not be decoded (never the event's content)
 */
public record UnreadableEvent(String stream, long revision, String eventId, String eventType, String reason) {}
