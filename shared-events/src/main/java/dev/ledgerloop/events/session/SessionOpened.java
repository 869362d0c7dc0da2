package dev.ledgerloop.events.session;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.util.Objects;
import java.util.UUID;

/**
 * An agent opened a session; the title is end-to-end encrypted and optional, as is the guest limit.
 *
 * @param requireSignedAnswers true when every answer in the session must carry the human's signature; null (false) in
 *     events stored before answers could be signed
 * @param interactionType set when the session was opened through the legacy interaction endpoints (docs/api.md §Legacy
 *     interactions): the interaction's type, in clear; null for every other session, and absent from their stored
 *     payload
 */
public record SessionOpened(
        UUID sessionId,
        UUID agentId,
        EncryptedEnvelope encryptedTitle,
        boolean isPublic,
        Integer maxGuests,
        Boolean requireSignedAnswers,
        String interactionType)
        implements SessionEvent {

    @JsonCreator
    public SessionOpened {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(agentId, "agentId");
    }

    /** A session whose answers need no signature. */
    public SessionOpened(
            UUID sessionId, UUID agentId, EncryptedEnvelope encryptedTitle, boolean isPublic, Integer maxGuests) {
        this(sessionId, agentId, encryptedTitle, isPublic, maxGuests, null, null);
    }

    /** A session that is not a legacy interaction. */
    public SessionOpened(
            UUID sessionId,
            UUID agentId,
            EncryptedEnvelope encryptedTitle,
            boolean isPublic,
            Integer maxGuests,
            Boolean requireSignedAnswers) {
        this(sessionId, agentId, encryptedTitle, isPublic, maxGuests, requireSignedAnswers, null);
    }

    public boolean signedAnswersRequired() {
        return Boolean.TRUE.equals(requireSignedAnswers);
    }
}
