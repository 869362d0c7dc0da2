package dev.ledgerloop.command.session;

import dev.ledgerloop.command.session.SessionResults.AttachmentAccepted;
import dev.ledgerloop.command.session.SessionResults.GuestTokenIssued;
import dev.ledgerloop.command.session.SessionResults.InteractionOutcome;
import dev.ledgerloop.command.session.SessionResults.MessageAccepted;
import dev.ledgerloop.command.session.SessionResults.MessageRevised;
import dev.ledgerloop.command.session.SessionResults.ParticipantChange;
import dev.ledgerloop.command.session.SessionResults.ResponseAccepted;
import dev.ledgerloop.command.session.SessionResults.SessionState;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.session.AttachmentUploaded;
import dev.ledgerloop.events.session.DecisionSignature;
import dev.ledgerloop.events.session.GuestTokenCreated;
import dev.ledgerloop.events.session.MessageEdited;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.ParticipantRole;
import dev.ledgerloop.events.session.Priority;
import dev.ledgerloop.events.session.ResponseSubmitted;
import dev.ledgerloop.events.session.SenderType;
import java.time.Instant;
import java.util.UUID;

/**
 * What the session endpoints answer: the session and the things in it, as the API shows them, each made from the
 * {@link SessionResults} the aggregate answered with.
 */
public final class SessionResources {
    private SessionResources() {}

    /** The session as a command answers it. */
    public record SessionResource(
            UUID id,
            SessionStatus status,
            boolean isPublic,
            Integer maxGuests,
            boolean requireSignedAnswers,
            EncryptedEnvelope encryptedTitle,
            UUID agentId,
            Instant createdAt,
            Instant updatedAt,
            Instant lastMessageAt) {

        static SessionResource of(SessionState session) {
            return new SessionResource(
                    session.id(),
                    session.status(),
                    session.isPublic(),
                    session.maxGuests(),
                    session.requireSignedAnswers(),
                    session.encryptedTitle(),
                    session.agentId(),
                    session.createdAt(),
                    session.updatedAt(),
                    session.lastMessageAt());
        }
    }

    /** The message as the send command answers it. */
    public record MessageResource(
            UUID id,
            UUID sessionId,
            SenderType senderType,
            UUID senderAgentId,
            String senderUserId,
            EncryptedEnvelope encryptedContent,
            EncryptedEnvelope encryptedComponents,
            boolean responseRequired,
            String status,
            Priority priority,
            Instant deadlineAt,
            String referenceId,
            Instant createdAt,
            Instant editedAt,
            Instant deletedAt) {

        static MessageResource of(MessageAccepted accepted) {
            MessageSent sent = accepted.event();
            return new MessageResource(
                    sent.messageId(),
                    sent.sessionId(),
                    sent.senderType(),
                    sent.senderAgentId(),
                    sent.senderUserId(),
                    sent.encryptedContent(),
                    sent.encryptedComponents(),
                    sent.responseRequired(),
                    // A message that waits for an answer is Pending until answered; one that does not is done as sent.
                    sent.responseRequired() ? "Pending" : "Completed",
                    sent.priority(),
                    sent.deadlineAt(),
                    sent.referenceId(),
                    accepted.at(),
                    null,
                    null);
        }
    }

    /** What an edit answers: the message's new content and when it was edited. */
    record EditedMessageResource(
            UUID id,
            UUID sessionId,
            EncryptedEnvelope encryptedContent,
            EncryptedEnvelope encryptedComponents,
            Instant editedAt) {

        static EditedMessageResource of(MessageRevised revised) {
            MessageEdited edited = revised.event();
            return new EditedMessageResource(
                    edited.messageId(),
                    edited.sessionId(),
                    edited.encryptedContent(),
                    edited.encryptedComponents(),
                    revised.at());
        }
    }

    /** What acknowledge and cancel answer: the message whose interaction changed, and its status now. */
    record InteractionResource(UUID sessionId, UUID messageId, String status) {

        static InteractionResource of(UUID sessionId, InteractionOutcome outcome) {
            return new InteractionResource(
                    sessionId, outcome.messageId(), outcome.status().name());
        }
    }

    /** A participant as the participant commands answer it; names come from the identity provider, unknown here. */
    record ParticipantResource(String userId, ParticipantRole role, String name) {

        static ParticipantResource of(ParticipantChange change) {
            return new ParticipantResource(change.userId(), change.role(), change.name());
        }
    }

    /** A new guest token as its creation answers it: the only time the token itself is shown. */
    record GuestTokenResource(
            UUID id,
            UUID sessionId,
            String token,
            String publicUrl,
            Integer maxUses,
            int uses,
            Instant expiresAt,
            boolean revoked,
            Instant createdAt) {

        static GuestTokenResource of(GuestTokenIssued issued, String token, String publicUrl) {
            GuestTokenCreated created = issued.event();
            return new GuestTokenResource(
                    created.tokenId(),
                    created.sessionId(),
                    token,
                    publicUrl,
                    created.maxUses(),
                    0,
                    created.expiresAt(),
                    false,
                    issued.at());
        }
    }

    /** A human's answer to a message, as the respond command answers it. */
    record ResponseResource(
            UUID id,
            UUID sessionId,
            UUID messageId,
            String userId,
            EncryptedEnvelope encryptedResponse,
            DecisionSignature signature,
            Instant createdAt) {

        static ResponseResource of(ResponseAccepted accepted) {
            ResponseSubmitted submitted = accepted.event();
            return new ResponseResource(
                    submitted.responseId(),
                    submitted.sessionId(),
                    submitted.messageId(),
                    submitted.userId(),
                    submitted.encryptedResponse(),
                    submitted.signature(),
                    accepted.at());
        }
    }

    /** An attachment as its upload answers it. */
    record AttachmentResource(
            UUID id,
            UUID sessionId,
            String filename,
            String mimeType,
            long size,
            String sha256,
            String uploadedBy,
            Instant createdAt) {

        static AttachmentResource of(AttachmentAccepted accepted) {
            AttachmentUploaded uploaded = accepted.event();
            return new AttachmentResource(
                    uploaded.attachmentId(),
                    uploaded.sessionId(),
                    uploaded.filename(),
                    uploaded.mimeType(),
                    uploaded.size(),
                    uploaded.sha256(),
                    uploaded.uploadedBy(),
                    accepted.at());
        }
    }
}
