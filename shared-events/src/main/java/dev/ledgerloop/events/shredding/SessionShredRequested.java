package dev.ledgerloop.events.shredding;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The space owner asked to shred the session: from this event on the session's content counts as erased, whatever
 * key document may exist. Revision 0 of {@code shredding-<sessionId>}. Ids and times only, all of them in the session's
 * clear metadata too: the erased session stays its agent's, and keeps when it was opened.
 *
 * @param agentId the agent that opened the session (the actor of its first event)
 * @param openedAt when the session was opened (the time of its first event)
 */
public record SessionShredRequested(UUID sessionId, UUID spaceId, String agentId, Instant openedAt)
        implements ShreddingEvent {

    public SessionShredRequested {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(spaceId, "spaceId");
    }
}
