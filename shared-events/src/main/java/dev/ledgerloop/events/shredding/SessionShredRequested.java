package dev.ledgerloop.events.shredding;

import java.util.Objects;
import java.util.UUID;

/**
 * The space owner asked to shred the session: from this event on the session's content counts as erased, whatever
 * key document may exist. Revision 0 of {@code shredding-<sessionId>}.
 */
public record SessionShredRequested(UUID sessionId, UUID spaceId) implements ShreddingEvent {

    public SessionShredRequested {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(spaceId, "spaceId");
    }
}
