package dev.ledgerloop.events.shredding;

import java.util.Objects;
import java.util.UUID;

/**
 * The session's data key is destroyed and tombstoned, its attachment bytes deleted: the shred is complete. Revision 1
 * of {@code shredding-<sessionId>}.
 */
public record SessionShredded(UUID sessionId, UUID spaceId) implements ShreddingEvent {

    public SessionShredded {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(spaceId, "spaceId");
    }
}
