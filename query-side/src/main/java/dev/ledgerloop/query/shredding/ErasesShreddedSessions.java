package dev.ledgerloop.query.shredding;

import dev.ledgerloop.events.shredding.SessionShredRequested;
import dev.ledgerloop.events.shredding.SessionShredded;
import dev.ledgerloop.service.parking.ParksUnreadableEvents;
import java.util.UUID;
import org.axonframework.eventhandling.EventHandler;

/**
 * The base of a view that holds a session's content: when the session is shredded, {@link #erase} writes its erased
 * form (docs/replay.md §Shredded streams). Both shredding events call it, the second for anything that came between;
 * it must be idempotent. Axon finds the inherited handlers.
 */
public abstract class ErasesShreddedSessions extends ParksUnreadableEvents {

    @EventHandler
    protected final void eraseRequested(SessionShredRequested event) {
        erase(event.sessionId());
    }

    @EventHandler
    protected final void eraseShredded(SessionShredded event) {
        erase(event.sessionId());
    }

    protected abstract void erase(UUID sessionId);
}
