package dev.ledgerloop.service.parking;

import dev.ledgerloop.eventstore.UnreadableEvent;

/** Thrown by every processor for an event it could not read, so that the event parks (docs/replay.md). */
public final class UnreadableEventException extends RuntimeException {
    public UnreadableEventException(UnreadableEvent event) {
        super("Cannot read " + event.eventType() + " at revision " + event.revision() + " of " + event.stream() + ": "
                + event.reason());
    }
}
