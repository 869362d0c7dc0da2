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
 */
public record SessionOpened(
        UUID sessionId,
        UUID agentId,
        EncryptedEnvelope encryptedTitle,
        boolean isPublic,
        Integer maxGuests,
        Boolean requireSignedAnswers)
        implements SessionEvent {

    @JsonCreator
    public SessionOpened {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(agentId, "agentId");
    }

    /** A session whose answers need no signature. */
    public SessionOpened(
            UUID sessionId, UUID agentId, EncryptedEnvelope encryptedTitle, boolean isPublic, Integer maxGuests) {
        this(sessionId, agentId, encryptedTitle, isPublic, maxGuests, null);
    }

    public boolean signedAnswersRequired() {
        return Boolean.TRUE.equals(requireSignedAnswers);
    }
}
