package dev.ledgerloop.service.parking;

import dev.ledgerloop.eventstore.ErasedEvent;
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

    /**
     * An event of a crypto-shredded stream: erased on purpose, not an error, so it does not park. Views of an erased
     * session are written from its shredding events (docs/replay.md §Shredded streams).
     */
    @EventHandler
    protected final void passErased(ErasedEvent event) {
        // nothing to apply: the content is gone
    }
}
