package dev.ledgerloop.command.session;

import dev.ledgerloop.command.session.SessionCommand.AcknowledgeInteraction;
import dev.ledgerloop.command.session.SessionCommand.CancelInteraction;
import dev.ledgerloop.command.session.SessionCommand.CheckInteraction;
import dev.ledgerloop.command.session.SessionCommand.OpenInteraction;
import dev.ledgerloop.command.session.SessionCommand.OpenSession;
import dev.ledgerloop.command.session.SessionRequests.SendMessageRequest;
import dev.ledgerloop.command.session.SessionResources.MessageResource;
import dev.ledgerloop.command.session.SessionResources.SessionResource;
import dev.ledgerloop.command.session.SessionResults.InteractionOpened;
import dev.ledgerloop.command.session.SessionResults.InteractionOutcome;
import dev.ledgerloop.command.session.SessionResults.MessageAccepted;
import dev.ledgerloop.command.space.SpaceSettings;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.platform.principal.Principal;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The session commands behind the legacy interaction endpoints (docs/api.md §Legacy interactions): an interaction is
 * a session opened with a type, whose first message is its request. Everything here is the session's own commands, so
 * the interaction's record is the session's.
 */
@Component
public class InteractionSessions {
    private final SessionCommandSender commands;
    private final SpaceSettings space;

    InteractionSessions(SessionCommandSender commands, SpaceSettings space) {
        this.commands = commands;
        this.space = space;
    }

    /** An interaction as it was opened: its session and its request message. */
    public record Opened(SessionResource session, MessageResource request) {}

    /** The interaction's request after an acknowledgement or a cancellation. */
    public record Outcome(UUID sessionId, UUID requestMessageId) {}

    /**
     * Opens the session and sends the request in one append; {@code request} must ask for a response.
     *
     * @param requireSignedAnswers null for the space's default
     */
    public Opened open(
            Principal principal,
            String type,
            EncryptedEnvelope encryptedTitle,
            Boolean requireSignedAnswers,
            SendMessageRequest request) {
        UUID sessionId = UUID.randomUUID();
        UUID agentId = SessionCommandController.agentOf(principal);
        OpenSession session = new OpenSession(
                sessionId,
                agentId,
                encryptedTitle,
                false,
                null,
                requireSignedAnswers != null ? requireSignedAnswers : space.requireSignedAnswers(principal),
                type);
        InteractionOpened opened = commands.send(
                new OpenInteraction(session, request.toCommand(sessionId, agentId)),
                principal,
                InteractionOpened.class);
        return new Opened(SessionResource.of(opened.session()), MessageResource.of(opened.request()));
    }

    /** A further message into the interaction's session; 404 for a session that is not an interaction. */
    public MessageResource send(Principal principal, UUID interactionId, SendMessageRequest message) {
        UUID agentId = SessionCommandController.agentOf(principal);
        commands.send(new CheckInteraction(interactionId, agentId), principal, Boolean.class);
        return MessageResource.of(
                commands.send(message.toCommand(interactionId, agentId), principal, MessageAccepted.class));
    }

    /** Acknowledges the answer to the request; 409 unless it is answered and still pending. */
    public Outcome acknowledge(Principal principal, UUID interactionId) {
        AcknowledgeInteraction command =
                new AcknowledgeInteraction(interactionId, SessionCommandController.agentOf(principal), true);
        return outcome(interactionId, commands.send(command, principal, InteractionOutcome.class));
    }

    /** Cancels the request; 409 unless it is still pending and unanswered. */
    public Outcome cancel(Principal principal, UUID interactionId) {
        CancelInteraction command =
                new CancelInteraction(interactionId, SessionCommandController.agentOf(principal), true);
        return outcome(interactionId, commands.send(command, principal, InteractionOutcome.class));
    }

    private static Outcome outcome(UUID interactionId, InteractionOutcome outcome) {
        return new Outcome(interactionId, outcome.messageId());
    }
}
