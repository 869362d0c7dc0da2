package dev.ledgerloop.events.session;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.util.Objects;
import java.util.UUID;

/** An agent opened a session; the title is end-to-end encrypted and optional, as is the guest limit. */
public record SessionOpened(
        UUID sessionId, UUID agentId, EncryptedEnvelope encryptedTitle, boolean isPublic, Integer maxGuests)
        implements SessionEvent {

    public SessionOpened {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(agentId, "agentId");
    }
}
