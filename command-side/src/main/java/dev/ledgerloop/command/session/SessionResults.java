package dev.ledgerloop.command.session;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.session.AttachmentUploaded;
import dev.ledgerloop.events.session.GuestTokenCreated;
import dev.ledgerloop.events.session.MessageEdited;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.ParticipantRole;
import dev.ledgerloop.events.session.ResponseSubmitted;
import java.time.Instant;
import java.util.UUID;

/** What the Session aggregate answers its commands with: what happened, and when, or the session's state now. */
final class SessionResults {
    private SessionResults() {}

    /** The session after a command that opened, closed or archived it. */
    record SessionState(
            UUID id,
            SessionStatus status,
            boolean isPublic,
            Integer maxGuests,
            boolean requireSignedAnswers,
            EncryptedEnvelope encryptedTitle,
            UUID agentId,
            Instant createdAt,
            Instant updatedAt,
            Instant lastMessageAt) {}

    /** A message the session took, by an agent or a human. */
    record MessageAccepted(MessageSent event, Instant at) {}

    record MessageRevised(MessageEdited event, Instant at) {}

    record ResponseAccepted(ResponseSubmitted event, Instant at) {}

    record AttachmentAccepted(AttachmentUploaded event, Instant at) {}

    record GuestTokenIssued(GuestTokenCreated event, Instant at) {}

    /** A legacy interaction just opened: its session and its request. */
    record InteractionOpened(SessionState session, MessageAccepted request) {}

    /** The message whose interaction was acknowledged or cancelled, and its status now. */
    record InteractionOutcome(UUID messageId, MessageState.Status status) {}

    /** A participant's role after they were added, joined or had their role changed. */
    record ParticipantChange(String userId, ParticipantRole role, String name) {
        ParticipantChange(String userId, ParticipantRole role) {
            this(userId, role, null);
        }
    }
}
