package dev.ledgerloop.command.session;

import dev.ledgerloop.command.session.SessionCommand.AcknowledgeInteraction;
import dev.ledgerloop.command.session.SessionCommand.AddParticipant;
import dev.ledgerloop.command.session.SessionCommand.ArchiveSession;
import dev.ledgerloop.command.session.SessionCommand.CancelInteraction;
import dev.ledgerloop.command.session.SessionCommand.ChangeParticipantRole;
import dev.ledgerloop.command.session.SessionCommand.CloseSession;
import dev.ledgerloop.command.session.SessionCommand.CreateGuestToken;
import dev.ledgerloop.command.session.SessionCommand.DeleteMessage;
import dev.ledgerloop.command.session.SessionCommand.EditMessage;
import dev.ledgerloop.command.session.SessionCommand.OpenSession;
import dev.ledgerloop.command.session.SessionCommand.RemoveParticipant;
import dev.ledgerloop.command.session.SessionCommand.RevokeGuestToken;
import dev.ledgerloop.command.session.SessionResources.EditedMessageResource;
import dev.ledgerloop.command.session.SessionResources.GuestTokenResource;
import dev.ledgerloop.command.session.SessionResources.InteractionResource;
import dev.ledgerloop.command.session.SessionResources.MessageResource;
import dev.ledgerloop.command.session.SessionResources.ParticipantResource;
import dev.ledgerloop.command.session.SessionResources.SessionResource;
import dev.ledgerloop.command.session.SessionResults.GuestTokenIssued;
import dev.ledgerloop.command.session.SessionResults.InteractionOutcome;
import dev.ledgerloop.command.session.SessionResults.MessageAccepted;
import dev.ledgerloop.command.session.SessionResults.MessageRevised;
import dev.ledgerloop.command.session.SessionResults.ParticipantChange;
import dev.ledgerloop.command.session.SessionResults.SessionState;
import dev.ledgerloop.command.space.SpaceSettings;
import dev.ledgerloop.events.session.ParticipantRole;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.LedgerloopProperties;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The session endpoints that change something; reads are the query side's. */
@RestController
@RequestMapping("/v1/agent/sessions")
class SessionCommandController {
    private final SessionCommandSender commands;
    private final Clock clock;
    private final String publicUrl;
    private final SpaceSettings space;

    SessionCommandController(
            SessionCommandSender commands, Clock clock, LedgerloopProperties properties, SpaceSettings space) {
        this.commands = commands;
        this.space = space;
        this.clock = clock;
        this.publicUrl = properties.publicUrl();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SessionResource open(Principal principal, @RequestBody @Valid SessionRequests.OpenSessionRequest body) {
        OpenSession command = new OpenSession(
                UUID.randomUUID(),
                agentOf(principal),
                body.encryptedTitle(),
                Boolean.TRUE.equals(body.isPublic()),
                body.maxGuests(),
                body.requireSignedAnswers() != null
                        ? body.requireSignedAnswers()
                        : space.requireSignedAnswers(principal));
        return SessionResource.of(commands.send(command, principal, SessionState.class));
    }

    @PostMapping("/{sessionId}/messages")
    @ResponseStatus(HttpStatus.CREATED)
    MessageResource send(
            Principal principal,
            @PathVariable UUID sessionId,
            @RequestBody @Valid SessionRequests.SendMessageRequest body) {
        return MessageResource.of(
                commands.send(body.toCommand(sessionId, agentOf(principal)), principal, MessageAccepted.class));
    }

    @PatchMapping("/{sessionId}/messages/{messageId}")
    EditedMessageResource edit(
            Principal principal,
            @PathVariable UUID sessionId,
            @PathVariable UUID messageId,
            @RequestBody @Valid SessionRequests.EditMessageRequest body) {
        EditMessage command = new EditMessage(
                sessionId, agentOf(principal), messageId, body.encryptedContent(), body.encryptedComponents());
        return EditedMessageResource.of(commands.send(command, principal, MessageRevised.class));
    }

    @DeleteMapping("/{sessionId}/messages/{messageId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Principal principal, @PathVariable UUID sessionId, @PathVariable UUID messageId) {
        commands.send(new DeleteMessage(sessionId, agentOf(principal), messageId), principal, Void.class);
    }

    @PostMapping("/{sessionId}/acknowledge")
    InteractionResource acknowledge(Principal principal, @PathVariable UUID sessionId) {
        InteractionOutcome outcome = commands.send(
                new AcknowledgeInteraction(sessionId, agentOf(principal)), principal, InteractionOutcome.class);
        return InteractionResource.of(sessionId, outcome);
    }

    @PostMapping("/{sessionId}/cancel")
    InteractionResource cancel(Principal principal, @PathVariable UUID sessionId) {
        InteractionOutcome outcome = commands.send(
                new CancelInteraction(sessionId, agentOf(principal)), principal, InteractionOutcome.class);
        return InteractionResource.of(sessionId, outcome);
    }

    @PostMapping("/{sessionId}/guest-tokens")
    @ResponseStatus(HttpStatus.CREATED)
    GuestTokenResource createGuestToken(
            Principal principal,
            @PathVariable UUID sessionId,
            @RequestBody @Valid SessionRequests.GuestTokenRequest body) {
        Integer maxUses = body.maxUses();
        Instant expiresAt = body.expiresAt();
        if (maxUses != null && maxUses == 0) {
            throw ApiException.validation("Field 'maxUses' must be at least 1");
        }
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            throw ApiException.validation("Field 'expiresAt' must be in the future");
        }
        String token = GuestTokens.newToken();
        CreateGuestToken command =
                new CreateGuestToken(sessionId, agentOf(principal), UUID.randomUUID(), token, maxUses, expiresAt);
        GuestTokenIssued issued = commands.send(command, principal, GuestTokenIssued.class);
        // The token travels in the fragment, which browsers never send to a server (nor write to its logs).
        String link = publicUrl + "/inbox/#guest=" + token + "&session=" + sessionId + "&space=" + principal.spaceId();
        return GuestTokenResource.of(issued, token, link);
    }

    @DeleteMapping("/{sessionId}/guest-tokens/{tokenId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeGuestToken(Principal principal, @PathVariable UUID sessionId, @PathVariable UUID tokenId) {
        commands.send(new RevokeGuestToken(sessionId, agentOf(principal), tokenId), principal, Void.class);
    }

    @PostMapping("/{sessionId}/close")
    SessionResource close(Principal principal, @PathVariable UUID sessionId) {
        return SessionResource.of(
                commands.send(new CloseSession(sessionId, agentOf(principal)), principal, SessionState.class));
    }

    @PostMapping("/{sessionId}/archive")
    SessionResource archive(Principal principal, @PathVariable UUID sessionId) {
        return SessionResource.of(
                commands.send(new ArchiveSession(sessionId, agentOf(principal)), principal, SessionState.class));
    }

    @PostMapping("/{sessionId}/participants")
    @ResponseStatus(HttpStatus.CREATED)
    ParticipantResource addParticipant(
            Principal principal,
            @PathVariable UUID sessionId,
            @RequestBody @Valid SessionRequests.AddParticipantRequest body) {
        AddParticipant command = new AddParticipant(
                sessionId,
                agentOf(principal),
                body.userId(),
                body.role() == null ? ParticipantRole.member : body.role());
        return ParticipantResource.of(commands.send(command, principal, ParticipantChange.class));
    }

    @PatchMapping("/{sessionId}/participants/{userId}")
    ParticipantResource changeRole(
            Principal principal,
            @PathVariable UUID sessionId,
            @PathVariable String userId,
            @RequestBody @Valid SessionRequests.ChangeRoleRequest body) {
        return ParticipantResource.of(commands.send(
                new ChangeParticipantRole(sessionId, agentOf(principal), userId, body.role()),
                principal,
                ParticipantChange.class));
    }

    @DeleteMapping("/{sessionId}/participants/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeParticipant(Principal principal, @PathVariable UUID sessionId, @PathVariable String userId) {
        commands.send(new RemoveParticipant(sessionId, agentOf(principal), userId), principal, Void.class);
    }

    static UUID agentOf(Principal principal) {
        if (!principal.isAgent()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only agents use /v1/agent endpoints");
        }
        return UUID.fromString(principal.subjectId());
    }
}
