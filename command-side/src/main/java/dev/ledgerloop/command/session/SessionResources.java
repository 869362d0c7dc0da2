package dev.ledgerloop.command.session;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.session.AttachmentUploaded;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.ParticipantRole;
import dev.ledgerloop.events.session.Priority;
import dev.ledgerloop.events.session.ResponseSubmitted;
import dev.ledgerloop.events.session.SenderType;
import java.time.Instant;
import java.util.UUID;

/** What the session endpoints answer: the session and the things in it, as the API shows them. */
final class SessionResources {
    private SessionResources() {}

    /** The session as a command answers it. */
    record SessionResource(
            UUID id,
            SessionStatus status,
            boolean isPublic,
            Integer maxGuests,
            EncryptedEnvelope encryptedTitle,
            UUID agentId,
            Instant createdAt,
            Instant updatedAt,
            Instant lastMessageAt) {}

    /** The message as the send command answers it. */
    record MessageResource(
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

        static MessageResource of(MessageSent sent, Instant createdAt) {
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
                    createdAt,
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
            Instant editedAt) {}

    /** What acknowledge and cancel answer: the message whose interaction changed, and its status now. */
    record InteractionResource(UUID sessionId, UUID messageId, String status) {}

    /** A participant as the participant commands answer it; names come from the identity provider, unknown here. */
    record ParticipantResource(String userId, ParticipantRole role, String name) {}

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
            Instant createdAt) {}

    /** A human's answer to a message, as the respond command answers it. */
    record ResponseResource(
            UUID id,
            UUID sessionId,
            UUID messageId,
            String userId,
            EncryptedEnvelope encryptedResponse,
            Instant createdAt) {

        static ResponseResource of(ResponseSubmitted submitted, Instant createdAt) {
            return new ResponseResource(
                    submitted.responseId(),
                    submitted.sessionId(),
                    submitted.messageId(),
                    submitted.userId(),
                    submitted.encryptedResponse(),
                    createdAt);
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

        static AttachmentResource of(AttachmentUploaded uploaded, Instant createdAt) {
            return new AttachmentResource(
                    uploaded.attachmentId(),
                    uploaded.sessionId(),
                    uploaded.filename(),
                    uploaded.mimeType(),
                    uploaded.size(),
                    uploaded.sha256(),
                    uploaded.uploadedBy(),
                    createdAt);
        }
    }
}
