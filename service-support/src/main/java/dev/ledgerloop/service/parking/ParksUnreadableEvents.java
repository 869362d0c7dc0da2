package dev.ledgerloop.service.parking;

import dev.ledgerloop.eventstore.UnreadableEvent;
import org.axonframework.eventhandling.EventHandler;

/**
 * The base of every event processor's handler class: it parks an event that could not be decoded, with the events of
 * its aggregate behind it, instead of skipping it. A processing group without a handler for {@link UnreadableEvent}
 * would pass over it silently (docs/replay.md). Axon finds the inherited handler.
 */
public abstract class ParksUnreadableEvents {

    @EventHandler
    protected final void parkUnreadable(UnreadableEvent event) {
        throw new UnreadableEventException(event);
    }
}
