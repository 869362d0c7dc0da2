package dev.ledgerloop.command.session;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.session.ParticipantRole;
import dev.ledgerloop.events.session.Priority;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What may be asked of a {@link Session}: each command names the session it goes to. */
sealed interface SessionCommand {
    UUID sessionId();

    /** Open a session for an agent; send it with the principal's {@code EventContext}. */
    record OpenSession(
            UUID sessionId,
            UUID agentId,
            EncryptedEnvelope encryptedTitle,
            boolean isPublic,
            Integer maxGuests,
            boolean requireSignedAnswers,
            String interactionType)
            implements SessionCommand {

        /** A session that is not a legacy interaction. */
        OpenSession(
                UUID sessionId,
                UUID agentId,
                EncryptedEnvelope encryptedTitle,
                boolean isPublic,
                Integer maxGuests,
                boolean requireSignedAnswers) {
            this(sessionId, agentId, encryptedTitle, isPublic, maxGuests, requireSignedAnswers, null);
        }
    }

    /**
     * Open a session as a legacy interaction ({@code session} names its type) and send its request, in one append: the
     * interaction never exists without its request (docs/api.md §Legacy interactions).
     */
    record OpenInteraction(OpenSession session, SendMessage request) implements SessionCommand {
        @Override
        public UUID sessionId() {
            return session.sessionId();
        }
    }

    /** Changes nothing: is this the agent's session, opened as a legacy interaction? */
    record CheckInteraction(@TargetAggregateIdentifier UUID sessionId, UUID agentId) implements SessionCommand {}

    /** An agent sends a message into its session. */
    record SendMessage(
            @TargetAggregateIdentifier UUID sessionId,
            UUID agentId,
            UUID messageId,
            EncryptedEnvelope encryptedContent,
            EncryptedEnvelope encryptedComponents,
            boolean responseRequired,
            Priority priority,
            Instant deadlineAt,
            String referenceId)
            implements SessionCommand {}

    /** A participant sends a message into the session. */
    record SendHumanMessage(
            @TargetAggregateIdentifier UUID sessionId,
            String userId,
            UUID messageId,
            EncryptedEnvelope encryptedContent,
            EncryptedEnvelope encryptedComponents)
            implements SessionCommand {}

    /** An agent replaces the content of a message it sent. */
    record EditMessage(
            @TargetAggregateIdentifier UUID sessionId,
            UUID agentId,
            UUID messageId,
            EncryptedEnvelope encryptedContent,
            EncryptedEnvelope encryptedComponents)
            implements SessionCommand {}

    /** An agent deletes a message it sent. */
    record DeleteMessage(@TargetAggregateIdentifier UUID sessionId, UUID agentId, UUID messageId)
            implements SessionCommand {}

    /**
     * A participant answers a message that requires a response, signed or not.
     *
     * @param signature the signature the human sent (its shape checked), or null
     * @param signingKey the human's registered Ed25519 key (base64), or null when they registered none
     */
    record SubmitResponse(
            @TargetAggregateIdentifier UUID sessionId,
            String userId,
            UUID messageId,
            UUID responseId,
            EncryptedEnvelope encryptedResponse,
            SignatureClaim signature,
            String signingKey)
            implements SessionCommand {}

    /** What a human sends to sign their answer: {@code alg} is Ed25519, {@code value} base64 of 64 bytes. */
    record SignatureClaim(String alg, String decision, String value) {}

    /**
     * An agent marks the answered interaction of its session completed: the latest answered message, or with {@code
     * ofRequest} the request of a legacy interaction.
     */
    record AcknowledgeInteraction(@TargetAggregateIdentifier UUID sessionId, UUID agentId, boolean ofRequest)
            implements SessionCommand {
        AcknowledgeInteraction(UUID sessionId, UUID agentId) {
            this(sessionId, agentId, false);
        }
    }

    /**
     * An agent cancels the pending interaction of its session: the latest pending message, or with {@code ofRequest}
     * the request of a legacy interaction.
     */
    record CancelInteraction(@TargetAggregateIdentifier UUID sessionId, UUID agentId, boolean ofRequest)
            implements SessionCommand {
        CancelInteraction(UUID sessionId, UUID agentId) {
            this(sessionId, agentId, false);
        }
    }

    /** The system expires a message whose deadline passed unanswered; a no-op when it was answered meanwhile. */
    record ExpireMessage(@TargetAggregateIdentifier UUID sessionId, UUID messageId) implements SessionCommand {}

    /** An agent adds a human to its session. */
    record AddParticipant(@TargetAggregateIdentifier UUID sessionId, UUID agentId, String userId, ParticipantRole role)
            implements SessionCommand {}

    /** An agent changes a participant's role. */
    record ChangeParticipantRole(
            @TargetAggregateIdentifier UUID sessionId, UUID agentId, String userId, ParticipantRole role)
            implements SessionCommand {}

    /** An agent removes a participant. */
    record RemoveParticipant(@TargetAggregateIdentifier UUID sessionId, UUID agentId, String userId)
            implements SessionCommand {}

    /** An agent creates a guest token for its session; only the token's hash is kept. */
    record CreateGuestToken(
            @TargetAggregateIdentifier UUID sessionId,
            UUID agentId,
            UUID tokenId,
            String token,
            Integer maxUses,
            Instant expiresAt)
            implements SessionCommand {}

    /** An agent revokes a guest token of its session. */
    record RevokeGuestToken(@TargetAggregateIdentifier UUID sessionId, UUID agentId, UUID tokenId)
            implements SessionCommand {}

    /** A human joins a session as a guest with a token the agent gave out; {@code at} is when they asked. */
    record RedeemGuestToken(
            @TargetAggregateIdentifier UUID sessionId, String userId, String token, String name, Instant at)
            implements SessionCommand {}

    /** An agent attaches a file whose bytes are already stored (see AttachmentStore). */
    /**
     * Asks whether the agent may attach a file to the session now, before its bytes are stored; changes nothing. The
     * answer is checked again by {@link AttachFile}, which may still be refused (the session closed meanwhile).
     */
    record CheckAttachmentAllowed(@TargetAggregateIdentifier UUID sessionId, UUID agentId) implements SessionCommand {}

    /** Changes nothing: is this the agent's own session (of any status; a shredded one does not load)? */
    record CheckOwnSession(@TargetAggregateIdentifier UUID sessionId, UUID agentId) implements SessionCommand {}

    /** Changes nothing: may this human invoke a command of this agent in this session? */
    record CheckInvocationAllowed(@TargetAggregateIdentifier UUID sessionId, UUID agentId, String userId)
            implements SessionCommand {}

    record AttachFile(
            @TargetAggregateIdentifier UUID sessionId,
            UUID agentId,
            UUID attachmentId,
            String filename,
            String mimeType,
            long size,
            String sha256)
            implements SessionCommand {}

    /** An agent closes its session; later messages are refused. */
    record CloseSession(@TargetAggregateIdentifier UUID sessionId, UUID agentId) implements SessionCommand {}

    /** An agent archives its session. */
    record ArchiveSession(@TargetAggregateIdentifier UUID sessionId, UUID agentId) implements SessionCommand {}
}
