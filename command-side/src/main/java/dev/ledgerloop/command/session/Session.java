package dev.ledgerloop.command.session;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.ledgerloop.command.session.SessionCommand.AcknowledgeInteraction;
import dev.ledgerloop.command.session.SessionCommand.AddParticipant;
import dev.ledgerloop.command.session.SessionCommand.ArchiveSession;
import dev.ledgerloop.command.session.SessionCommand.AttachFile;
import dev.ledgerloop.command.session.SessionCommand.CancelInteraction;
import dev.ledgerloop.command.session.SessionCommand.ChangeParticipantRole;
import dev.ledgerloop.command.session.SessionCommand.CheckAttachmentAllowed;
import dev.ledgerloop.command.session.SessionCommand.CheckInteraction;
import dev.ledgerloop.command.session.SessionCommand.CheckInvocationAllowed;
import dev.ledgerloop.command.session.SessionCommand.CheckOwnSession;
import dev.ledgerloop.command.session.SessionCommand.CloseSession;
import dev.ledgerloop.command.session.SessionCommand.CreateGuestToken;
import dev.ledgerloop.command.session.SessionCommand.DeleteMessage;
import dev.ledgerloop.command.session.SessionCommand.EditMessage;
import dev.ledgerloop.command.session.SessionCommand.ExpireMessage;
import dev.ledgerloop.command.session.SessionCommand.OpenInteraction;
import dev.ledgerloop.command.session.SessionCommand.OpenSession;
import dev.ledgerloop.command.session.SessionCommand.RedeemGuestToken;
import dev.ledgerloop.command.session.SessionCommand.RemoveParticipant;
import dev.ledgerloop.command.session.SessionCommand.RevokeGuestToken;
import dev.ledgerloop.command.session.SessionCommand.SendHumanMessage;
import dev.ledgerloop.command.session.SessionCommand.SendMessage;
import dev.ledgerloop.command.session.SessionCommand.SignatureClaim;
import dev.ledgerloop.command.session.SessionCommand.SubmitResponse;
import dev.ledgerloop.command.session.SessionResults.AttachmentAccepted;
import dev.ledgerloop.command.session.SessionResults.GuestTokenIssued;
import dev.ledgerloop.command.session.SessionResults.InteractionOpened;
import dev.ledgerloop.command.session.SessionResults.InteractionOutcome;
import dev.ledgerloop.command.session.SessionResults.MessageAccepted;
import dev.ledgerloop.command.session.SessionResults.MessageRevised;
import dev.ledgerloop.command.session.SessionResults.ParticipantChange;
import dev.ledgerloop.command.session.SessionResults.ResponseAccepted;
import dev.ledgerloop.command.session.SessionResults.SessionState;
import dev.ledgerloop.events.decision.DecisionStatement;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.keys.PublicKeys;
import dev.ledgerloop.events.session.AttachmentUploaded;
import dev.ledgerloop.events.session.DecisionSignature;
import dev.ledgerloop.events.session.GuestTokenCreated;
import dev.ledgerloop.events.session.GuestTokenRedeemed;
import dev.ledgerloop.events.session.GuestTokenRevoked;
import dev.ledgerloop.events.session.InteractionAcknowledged;
import dev.ledgerloop.events.session.InteractionCancelled;
import dev.ledgerloop.events.session.MessageDeleted;
import dev.ledgerloop.events.session.MessageEdited;
import dev.ledgerloop.events.session.MessageExpired;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.ParticipantAdded;
import dev.ledgerloop.events.session.ParticipantRemoved;
import dev.ledgerloop.events.session.ParticipantRole;
import dev.ledgerloop.events.session.ParticipantRoleChanged;
import dev.ledgerloop.events.session.Priority;
import dev.ledgerloop.events.session.ResponseSubmitted;
import dev.ledgerloop.events.session.SenderType;
import dev.ledgerloop.events.session.SessionArchived;
import dev.ledgerloop.events.session.SessionClosed;
import dev.ledgerloop.events.session.SessionOpened;
import dev.ledgerloop.service.domain.DomainException;
import dev.ledgerloop.service.domain.Instants;
import dev.ledgerloop.service.events.EventContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A conversation between an agent and humans. It belongs to the agent that opened it, in that agent's
 * space: to anyone else it does not exist, and to a human it exists only while they are a participant. An active
 * session takes messages, answers and changes; a closed one takes only archiving; an archived one nothing.
 *
 * <p>Command handlers decide and apply; event sourcing handlers only set state. Events are applied with the
 * command's {@link EventContext} so that the space is in their metadata both now and when the stream is replayed.
 */
@Aggregate(repository = SessionRepositoryConfiguration.REPOSITORY)
class Session {
    @AggregateIdentifier
    private UUID id;

    private UUID spaceId;
    private UUID agentId;
    private SessionStatus status;
    private boolean isPublic;
    private Integer maxGuests;
    private boolean requireSignedAnswers;
    private EncryptedEnvelope encryptedTitle;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant lastMessageAt;
    /** Set when the session was opened as a legacy interaction; its request is the session's first message. */
    private String interactionType;

    private UUID interactionRequestId;
    private final Map<UUID, MessageState> messages = new LinkedHashMap<>();
    private final Map<String, ParticipantRole> participants = new HashMap<>();
    private final Map<UUID, GuestTokenState> guestTokens = new HashMap<>();

    protected Session() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    SessionState handle(OpenSession command, MetaData metaData) {
        apply(
                new SessionOpened(
                        command.sessionId(),
                        command.agentId(),
                        command.encryptedTitle(),
                        command.isPublic(),
                        command.maxGuests(),
                        command.requireSignedAnswers() ? Boolean.TRUE : null,
                        command.interactionType()),
                EventContext.carriedToEvents(metaData));
        return state();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    InteractionOpened handle(OpenInteraction command, MetaData metaData) {
        SessionState opened = handle(command.session(), metaData);
        return new InteractionOpened(opened, handle(command.request(), metaData));
    }

    @CommandHandler
    Boolean handle(CheckInteraction command, MetaData metaData) {
        requireOwnedBy(command.agentId(), metaData);
        interactionRequest();
        return Boolean.TRUE;
    }

    @CommandHandler
    MessageAccepted handle(SendMessage command, MetaData metaData) {
        requireOwnedBy(command.agentId(), metaData);
        requireActive("accepts no messages");
        MessageSent sent = new MessageSent(
                id,
                command.messageId(),
                SenderType.Agent,
                command.agentId(),
                null,
                command.encryptedContent(),
                command.encryptedComponents(),
                command.responseRequired(),
                command.priority(),
                command.deadlineAt(),
                command.referenceId());
        apply(sent, EventContext.carriedToEvents(metaData));
        return new MessageAccepted(sent, lastMessageAt);
    }

    @CommandHandler
    MessageAccepted handle(SendHumanMessage command, MetaData metaData) {
        requireParticipant(command.userId(), metaData);
        if (!participants.get(command.userId()).mayAnswer()) {
            throw DomainException.forbidden("A " + participants.get(command.userId()) + " cannot send");
        }
        requireActive("accepts no messages");
        MessageSent sent = new MessageSent(
                id,
                command.messageId(),
                SenderType.Human,
                null,
                command.userId(),
                command.encryptedContent(),
                command.encryptedComponents(),
                false,
                Priority.Medium,
                null,
                null);
        apply(sent, EventContext.carriedToEvents(metaData));
        return new MessageAccepted(sent, lastMessageAt);
    }

    @CommandHandler
    MessageRevised handle(EditMessage command, MetaData metaData) {
        requireOwnedBy(command.agentId(), metaData);
        requireActive("accepts no edits");
        MessageState message = agentMessage(command.messageId(), command.agentId());
        MessageEdited edited =
                new MessageEdited(id, message.id, command.encryptedContent(), command.encryptedComponents());
        apply(edited, EventContext.carriedToEvents(metaData));
        return new MessageRevised(edited, updatedAt);
    }

    @CommandHandler
    void handle(DeleteMessage command, MetaData metaData) {
        requireOwnedBy(command.agentId(), metaData);
        requireActive("accepts no deletions");
        MessageState message = agentMessage(command.messageId(), command.agentId());
        apply(new MessageDeleted(id, message.id), EventContext.carriedToEvents(metaData));
    }

    @CommandHandler
    ResponseAccepted handle(SubmitResponse command, MetaData metaData) {
        requireParticipant(command.userId(), metaData);
        MessageState message = Optional.ofNullable(messages.get(command.messageId()))
                .filter(found -> !found.deleted)
                .orElseThrow(() ->
                        DomainException.notFound("Message " + command.messageId() + " not found in session " + id));
        if (!participants.get(command.userId()).mayAnswer()) {
            throw DomainException.forbidden("A viewer cannot answer");
        }
        requireActive("accepts no answers");
        if (!message.responseRequired) {
            throw new SessionRefusedException("Message " + message.id + " does not ask for a response");
        }
        if (message.answered) {
            throw new SessionRefusedException("Message " + message.id + " was already answered");
        }
        if (message.status != MessageState.Status.Pending) {
            throw new SessionRefusedException("Message " + message.id + " is " + message.status);
        }
        ResponseSubmitted submitted = new ResponseSubmitted(
                id,
                message.id,
                command.responseId(),
                command.userId(),
                command.encryptedResponse(),
                signature(command, message));
        apply(submitted, EventContext.carriedToEvents(metaData));
        return new ResponseAccepted(submitted, updatedAt);
    }

    /**
     * The answer's signature, checked over the message as it stands now (after its edits) and the answer: null for an
     * unsigned answer where none is required; a missing, uncheckable or wrong signature is refused (400).
     */
    private DecisionSignature signature(SubmitResponse command, MessageState message) {
        SignatureClaim claim = command.signature();
        if (claim == null) {
            if (requireSignedAnswers) {
                throw DomainException.invalid(
                        "Field 'signature' is required: session " + id + " requires signed answers");
            }
            return null;
        }
        if (command.signingKey() == null) {
            throw DomainException.invalid("Field 'signature' cannot be checked: register a signingPublicKey first"
                    + " (PUT /v1/human/public-key)");
        }
        String request = DecisionStatement.requestSha256(message.content, message.components);
        String response = DecisionStatement.responseSha256(command.encryptedResponse());
        byte[] signed = DecisionStatement.signedBytes(id, message.id, request, response, claim.decision());
        if (!DecisionStatement.verifies(command.signingKey(), signed, claim.value())) {
            throw DomainException.invalid("Field 'signature' does not verify");
        }
        return new DecisionSignature(
                DecisionSignature.ED25519,
                PublicKeys.id(PublicKeys.raw(command.signingKey()).orElseThrow()),
                command.signingKey(),
                claim.decision(),
                request,
                response,
                claim.value());
    }

    @CommandHandler
    InteractionOutcome handle(AcknowledgeInteraction command, MetaData metaData) {
        requireOwnedBy(command.agentId(), metaData);
        MessageState answered = target(
                command.ofRequest(),
                MessageState::awaitsAcknowledgement,
                " has no answered interaction",
                ", not answered and pending");
        apply(new InteractionAcknowledged(id, answered.id), EventContext.carriedToEvents(metaData));
        return new InteractionOutcome(answered.id, answered.status);
    }

    @CommandHandler
    InteractionOutcome handle(CancelInteraction command, MetaData metaData) {
        requireOwnedBy(command.agentId(), metaData);
        MessageState pending = target(
                command.ofRequest(),
                MessageState::awaitsAnswer,
                " has no pending interaction",
                " and cannot be cancelled");
        apply(new InteractionCancelled(id, pending.id), EventContext.carriedToEvents(metaData));
        return new InteractionOutcome(pending.id, pending.status);
    }

    /** Idempotent: a message answered, cancelled, deleted or already expired meanwhile stays as it is. */
    @CommandHandler
    void handle(ExpireMessage command, MetaData metaData) {
        MessageState message = messages.get(command.messageId());
        if (message != null && message.awaitsAnswer() && message.deadlineAt != null) {
            apply(new MessageExpired(id, message.id), EventContext.carriedToEvents(metaData));
        }
    }

    @CommandHandler
    ParticipantChange handle(AddParticipant command, MetaData metaData) {
        requireOwnedBy(command.agentId(), metaData);
        requireActive("accepts no participants");
        if (participants.containsKey(command.userId())) {
            throw new SessionRefusedException("User " + command.userId() + " is already a participant");
        }
        apply(new ParticipantAdded(id, command.userId(), command.role()), EventContext.carriedToEvents(metaData));
        return new ParticipantChange(command.userId(), command.role());
    }

    @CommandHandler
    ParticipantChange handle(ChangeParticipantRole command, MetaData metaData) {
        requireOwnedBy(command.agentId(), metaData);
        requireKnownParticipant(command.userId());
        if (participants.get(command.userId()) != command.role()) {
            apply(
                    new ParticipantRoleChanged(id, command.userId(), command.role()),
                    EventContext.carriedToEvents(metaData));
        }
        return new ParticipantChange(command.userId(), command.role());
    }

    @CommandHandler
    void handle(RemoveParticipant command, MetaData metaData) {
        requireOwnedBy(command.agentId(), metaData);
        requireKnownParticipant(command.userId());
        apply(new ParticipantRemoved(id, command.userId()), EventContext.carriedToEvents(metaData));
    }

    @CommandHandler
    GuestTokenIssued handle(CreateGuestToken command, MetaData metaData) {
        requireOwnedBy(command.agentId(), metaData);
        requireActive("gives out no guest tokens");
        GuestTokenCreated created = new GuestTokenCreated(
                id, command.tokenId(), GuestTokens.hash(command.token()), command.maxUses(), command.expiresAt());
        apply(created, EventContext.carriedToEvents(metaData));
        return new GuestTokenIssued(created, updatedAt);
    }

    @CommandHandler
    void handle(RevokeGuestToken command, MetaData metaData) {
        requireOwnedBy(command.agentId(), metaData);
        GuestTokenState token = guestTokens.get(command.tokenId());
        if (token == null) {
            throw DomainException.notFound("Guest token " + command.tokenId() + " not found");
        }
        if (!token.revoked) {
            apply(new GuestTokenRevoked(id, command.tokenId()), EventContext.carriedToEvents(metaData));
        }
    }

    /** A used-up, expired or revoked token is refused (409); a token of another session is unknown here (404). */
    @CommandHandler
    ParticipantChange handle(RedeemGuestToken command, MetaData metaData) {
        if (!spaceId.equals(EventContext.spaceId(metaData))) {
            throw new SessionNotFoundException(id);
        }
        String hash = GuestTokens.hash(command.token());
        Map.Entry<UUID, GuestTokenState> match = guestTokens.entrySet().stream()
                .filter(entry -> entry.getValue().tokenHash.equals(hash))
                .findFirst()
                .orElseThrow(() -> DomainException.notFound("No such guest token for session " + id));
        String refusal = match.getValue().refusal(command.at());
        if (refusal != null) {
            throw new SessionRefusedException("This guest token " + refusal);
        }
        requireActive("admits no guests");
        if (participants.containsKey(command.userId())) {
            throw new SessionRefusedException("User " + command.userId() + " is already a participant");
        }
        long guests = participants.values().stream()
                .filter(role -> role == ParticipantRole.guest)
                .count();
        if (maxGuests != null && guests >= maxGuests) {
            throw new SessionRefusedException("Session " + id + " already has its " + maxGuests + " guests");
        }
        apply(new GuestTokenRedeemed(id, match.getKey(), command.userId()), EventContext.carriedToEvents(metaData));
        apply(
                new ParticipantAdded(id, command.userId(), ParticipantRole.guest, command.name()),
                EventContext.carriedToEvents(metaData));
        return new ParticipantChange(command.userId(), ParticipantRole.guest, command.name());
    }

    @CommandHandler
    Boolean handle(CheckAttachmentAllowed command, MetaData metaData) {
        requireOwnedBy(command.agentId(), metaData);
        requireActive("takes no attachments");
        return Boolean.TRUE;
    }

    @CommandHandler
    Boolean handle(CheckOwnSession command, MetaData metaData) {
        requireOwnedBy(command.agentId(), metaData);
        return Boolean.TRUE;
    }

    /**
     * An invocation may be made in a session by a participant who may answer, of the session's own agent, while the
     * session is active; a shredded session does not load (409).
     */
    @CommandHandler
    Boolean handle(CheckInvocationAllowed command, MetaData metaData) {
        requireParticipant(command.userId(), metaData);
        if (!agentId.equals(command.agentId())) {
            throw new SessionNotFoundException(id);
        }
        if (!participants.get(command.userId()).mayAnswer()) {
            throw DomainException.forbidden("A " + participants.get(command.userId()) + " cannot invoke commands");
        }
        requireActive("takes no invocations");
        return Boolean.TRUE;
    }

    @CommandHandler
    AttachmentAccepted handle(AttachFile command, MetaData metaData) {
        requireOwnedBy(command.agentId(), metaData);
        requireActive("takes no attachments");
        AttachmentUploaded uploaded = new AttachmentUploaded(
                id,
                command.attachmentId(),
                command.filename(),
                command.mimeType(),
                command.size(),
                command.sha256(),
                command.agentId().toString());
        apply(uploaded, EventContext.carriedToEvents(metaData));
        return new AttachmentAccepted(uploaded, updatedAt);
    }

    @CommandHandler
    SessionState handle(CloseSession command, MetaData metaData) {
        requireOwnedBy(command.agentId(), metaData);
        if (status != SessionStatus.Active) {
            throw new SessionRefusedException("Session " + id + " is already " + status);
        }
        apply(new SessionClosed(id), EventContext.carriedToEvents(metaData));
        return state();
    }

    @CommandHandler
    SessionState handle(ArchiveSession command, MetaData metaData) {
        requireOwnedBy(command.agentId(), metaData);
        if (status == SessionStatus.Archived) {
            throw new SessionRefusedException("Session " + id + " is already archived");
        }
        apply(new SessionArchived(id), EventContext.carriedToEvents(metaData));
        return state();
    }

    @EventSourcingHandler
    void on(SessionOpened event, MetaData metaData, @Timestamp Instant at) {
        id = event.sessionId();
        spaceId = EventContext.spaceId(metaData);
        agentId = event.agentId();
        status = SessionStatus.Active;
        isPublic = event.isPublic();
        maxGuests = event.maxGuests();
        requireSignedAnswers = event.signedAnswersRequired();
        encryptedTitle = event.encryptedTitle();
        interactionType = event.interactionType();
        createdAt = Instants.millis(at);
        updatedAt = createdAt;
    }

    @EventSourcingHandler
    void on(MessageSent event, @Timestamp Instant at) {
        messages.put(
                event.messageId(),
                new MessageState(
                        event.messageId(),
                        event.senderAgentId(),
                        event.responseRequired(),
                        event.deadlineAt(),
                        event.encryptedContent(),
                        event.encryptedComponents()));
        if (interactionType != null && interactionRequestId == null) {
            interactionRequestId = event.messageId();
        }
        lastMessageAt = Instants.millis(at);
        updatedAt = lastMessageAt;
    }

    @EventSourcingHandler
    void on(MessageEdited event, @Timestamp Instant at) {
        MessageState message = messages.get(event.messageId());
        message.content = event.encryptedContent();
        message.components = event.encryptedComponents();
        updatedAt = Instants.millis(at);
    }

    @EventSourcingHandler
    void on(MessageDeleted event, @Timestamp Instant at) {
        messages.get(event.messageId()).deleted = true;
        updatedAt = Instants.millis(at);
    }

    @EventSourcingHandler
    void on(ResponseSubmitted event, @Timestamp Instant at) {
        messages.get(event.messageId()).answered = true;
        updatedAt = Instants.millis(at);
    }

    @EventSourcingHandler
    void on(InteractionAcknowledged event, @Timestamp Instant at) {
        messages.get(event.messageId()).status = MessageState.Status.Completed;
        updatedAt = Instants.millis(at);
    }

    @EventSourcingHandler
    void on(InteractionCancelled event, @Timestamp Instant at) {
        messages.get(event.messageId()).status = MessageState.Status.Cancelled;
        updatedAt = Instants.millis(at);
    }

    @EventSourcingHandler
    void on(MessageExpired event, @Timestamp Instant at) {
        messages.get(event.messageId()).status = MessageState.Status.Expired;
        updatedAt = Instants.millis(at);
    }

    @EventSourcingHandler
    void on(ParticipantAdded event) {
        participants.put(event.userId(), event.role());
    }

    @EventSourcingHandler
    void on(ParticipantRoleChanged event) {
        participants.put(event.userId(), event.role());
    }

    @EventSourcingHandler
    void on(ParticipantRemoved event) {
        participants.remove(event.userId());
    }

    @EventSourcingHandler
    void on(GuestTokenCreated event, @Timestamp Instant at) {
        guestTokens.put(event.tokenId(), new GuestTokenState(event.tokenHash(), event.maxUses(), event.expiresAt()));
        updatedAt = Instants.millis(at);
    }

    @EventSourcingHandler
    void on(GuestTokenRevoked event) {
        guestTokens.get(event.tokenId()).revoked = true;
    }

    @EventSourcingHandler
    void on(GuestTokenRedeemed event) {
        guestTokens.get(event.tokenId()).uses++;
    }

    @EventSourcingHandler
    void on(AttachmentUploaded event, @Timestamp Instant at) {
        updatedAt = Instants.millis(at);
    }

    @EventSourcingHandler
    void on(SessionClosed event, @Timestamp Instant at) {
        status = SessionStatus.Closed;
        updatedAt = Instants.millis(at);
    }

    @EventSourcingHandler
    void on(SessionArchived event, @Timestamp Instant at) {
        status = SessionStatus.Archived;
        updatedAt = Instants.millis(at);
    }

    /** Another agent's or another space's session answers as if it did not exist. */
    private void requireOwnedBy(UUID actingAgent, MetaData metaData) {
        if (!agentId.equals(actingAgent) || !spaceId.equals(EventContext.spaceId(metaData))) {
            throw new SessionNotFoundException(id);
        }
    }

    /** To a human who is not a participant (or is in another space) the session does not exist. */
    private void requireParticipant(String userId, MetaData metaData) {
        if (!participants.containsKey(userId) || !spaceId.equals(EventContext.spaceId(metaData))) {
            throw new SessionNotFoundException(id);
        }
    }

    private void requireKnownParticipant(String userId) {
        if (!participants.containsKey(userId)) {
            throw DomainException.notFound("User " + userId + " is not a participant of " + id);
        }
    }

    private void requireActive(String refusal) {
        if (status != SessionStatus.Active) {
            throw new SessionRefusedException("Session " + id + " is " + status + " and " + refusal);
        }
    }

    /**
     * What an acknowledgement or a cancellation is about: the legacy interaction's request, or else the session's
     * latest message that fits; none that fits is refused (409).
     */
    private MessageState target(
            boolean ofRequest, Predicate<MessageState> fits, String sessionRefusal, String requestRefusal) {
        if (!ofRequest) {
            return latest(fits).orElseThrow(() -> new SessionRefusedException("Session " + id + sessionRefusal));
        }
        MessageState request = interactionRequest();
        if (!fits.test(request)) {
            throw new SessionRefusedException("Interaction " + id + " is " + interactionState() + requestRefusal);
        }
        return request;
    }

    /** The request of a legacy interaction; any other session is no interaction (404). */
    private MessageState interactionRequest() {
        if (interactionRequestId == null) {
            throw DomainException.notFound("Interaction " + id + " not found");
        }
        return messages.get(interactionRequestId);
    }

    /** How docs/api.md §Legacy interactions names the state of the interaction's request. */
    private String interactionState() {
        MessageState request = interactionRequest();
        if (request.deleted) {
            return "deleted";
        }
        return switch (request.status) {
            case Pending -> request.answered ? "responded" : "pending";
            case Completed -> "acknowledged";
            case Cancelled -> "cancelled";
            case Expired -> "expired";
        };
    }

    private MessageState agentMessage(UUID messageId, UUID agent) {
        MessageState message = messages.get(messageId);
        if (message == null || message.deleted || !agent.equals(message.senderAgentId)) {
            throw DomainException.notFound("Message " + messageId + " not found in session " + id);
        }
        return message;
    }

    private Optional<MessageState> latest(Predicate<MessageState> condition) {
        List<MessageState> inOrder = new ArrayList<>(messages.values());
        for (int i = inOrder.size() - 1; i >= 0; i--) {
            if (condition.test(inOrder.get(i))) {
                return Optional.of(inOrder.get(i));
            }
        }
        return Optional.empty();
    }

    private SessionState state() {
        return new SessionState(
                id,
                status,
                isPublic,
                maxGuests,
                requireSignedAnswers,
                encryptedTitle,
                agentId,
                createdAt,
                updatedAt,
                lastMessageAt);
    }
}
