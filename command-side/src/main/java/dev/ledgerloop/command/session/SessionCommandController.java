package dev.ledgerloop.command.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.events.session.ParticipantRole;
import dev.ledgerloop.events.session.Priority;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import dev.ledgerloop.service.LedgerloopProperties;
import io.swagger.v3.oas.annotations.media.Schema;
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

/** The session endpoints that change something (API.md §Sessions); reads are the query side's. */
@RestController
@RequestMapping("/v1/agent/sessions")
class SessionCommandController {
    private static final int MAX_GUESTS = 10_000;

    private final SessionCommandSender commands;
    private final Clock clock;
    private final String publicUrl;

    SessionCommandController(SessionCommandSender commands, Clock clock, LedgerloopProperties properties) {
        this.commands = commands;
        this.clock = clock;
        this.publicUrl = properties.publicUrl();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SessionResource open(
            Principal principal,
            @RequestBody(required = false) @Schema(implementation = SessionRequestSchemas.OpenSessionRequest.class)
                    JsonNode body) {
        SessionRequests request = new SessionRequests(body);
        OpenSession command = new OpenSession(
                UUID.randomUUID(),
                agentOf(principal),
                request.optionalEnvelope("encryptedTitle"),
                request.optionalBoolean("isPublic", false),
                request.optionalCount("maxGuests", MAX_GUESTS));
        return commands.send(command, principal, SessionResource.class);
    }

    @PostMapping("/{sessionId}/messages")
    @ResponseStatus(HttpStatus.CREATED)
    MessageResource send(
            Principal principal,
            @PathVariable UUID sessionId,
            @RequestBody(required = false) @Schema(implementation = SessionRequestSchemas.SendMessageRequest.class)
                    JsonNode body) {
        SessionRequests request = new SessionRequests(body);
        SendMessage command = new SendMessage(
                sessionId,
                agentOf(principal),
                UUID.randomUUID(),
                request.requiredEnvelope("encryptedContent"),
                request.optionalEnvelope("encryptedComponents"),
                request.optionalBoolean("responseRequired", false),
                request.optionalPriority("priority", Priority.Medium),
                request.optionalInstant("deadlineAt"),
                request.optionalText("referenceId", SessionRequests.MAX_REFERENCE_ID));
        return commands.send(command, principal, MessageResource.class);
    }

    @PatchMapping("/{sessionId}/messages/{messageId}")
    EditedMessageResource edit(
            Principal principal,
            @PathVariable UUID sessionId,
            @PathVariable UUID messageId,
            @RequestBody(required = false) @Schema(implementation = SessionRequestSchemas.EditMessageRequest.class)
                    JsonNode body) {
        SessionRequests request = new SessionRequests(body);
        EditMessage command = new EditMessage(
                sessionId,
                agentOf(principal),
                messageId,
                request.requiredEnvelope("encryptedContent"),
                request.optionalEnvelope("encryptedComponents"));
        return commands.send(command, principal, EditedMessageResource.class);
    }

    @DeleteMapping("/{sessionId}/messages/{messageId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Principal principal, @PathVariable UUID sessionId, @PathVariable UUID messageId) {
        commands.send(new DeleteMessage(sessionId, agentOf(principal), messageId), principal, Void.class);
    }

    @PostMapping("/{sessionId}/acknowledge")
    InteractionResource acknowledge(Principal principal, @PathVariable UUID sessionId) {
        return commands.send(
                new AcknowledgeInteraction(sessionId, agentOf(principal)), principal, InteractionResource.class);
    }

    @PostMapping("/{sessionId}/cancel")
    InteractionResource cancel(Principal principal, @PathVariable UUID sessionId) {
        return commands.send(
                new CancelInteraction(sessionId, agentOf(principal)), principal, InteractionResource.class);
    }

    @PostMapping("/{sessionId}/guest-tokens")
    @ResponseStatus(HttpStatus.CREATED)
    GuestTokenResource createGuestToken(
            Principal principal,
            @PathVariable UUID sessionId,
            @RequestBody(required = false) @Schema(implementation = SessionRequestSchemas.GuestTokenRequest.class)
                    JsonNode body) {
        SessionRequests request = new SessionRequests(body);
        Integer maxUses = request.optionalCount("maxUses", MAX_GUESTS);
        Instant expiresAt = request.optionalInstant("expiresAt");
        if (maxUses != null && maxUses == 0) {
            throw ApiException.validation("Field 'maxUses' must be at least 1");
        }
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            throw ApiException.validation("Field 'expiresAt' must be in the future");
        }
        String token = GuestTokens.newToken();
        CreateGuestToken command = new CreateGuestToken(
                sessionId,
                agentOf(principal),
                UUID.randomUUID(),
                token,
                maxUses,
                expiresAt,
                publicUrl + "/join/" + sessionId + "?token=" + token);
        return commands.send(command, principal, GuestTokenResource.class);
    }

    @DeleteMapping("/{sessionId}/guest-tokens/{tokenId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeGuestToken(Principal principal, @PathVariable UUID sessionId, @PathVariable UUID tokenId) {
        commands.send(new RevokeGuestToken(sessionId, agentOf(principal), tokenId), principal, Void.class);
    }

    @PostMapping("/{sessionId}/close")
    SessionResource close(Principal principal, @PathVariable UUID sessionId) {
        return commands.send(new CloseSession(sessionId, agentOf(principal)), principal, SessionResource.class);
    }

    @PostMapping("/{sessionId}/archive")
    SessionResource archive(Principal principal, @PathVariable UUID sessionId) {
        return commands.send(new ArchiveSession(sessionId, agentOf(principal)), principal, SessionResource.class);
    }

    @PostMapping("/{sessionId}/participants")
    @ResponseStatus(HttpStatus.CREATED)
    ParticipantResource addParticipant(
            Principal principal,
            @PathVariable UUID sessionId,
            @RequestBody(required = false) @Schema(implementation = SessionRequestSchemas.AddParticipantRequest.class)
                    JsonNode body) {
        SessionRequests request = new SessionRequests(body);
        AddParticipant command = new AddParticipant(
                sessionId,
                agentOf(principal),
                request.requiredText("userId", SessionRequests.MAX_USER_ID),
                request.role("role", ParticipantRole.member));
        return commands.send(command, principal, ParticipantResource.class);
    }

    @PatchMapping("/{sessionId}/participants/{userId}")
    ParticipantResource changeRole(
            Principal principal,
            @PathVariable UUID sessionId,
            @PathVariable String userId,
            @RequestBody(required = false) @Schema(implementation = SessionRequestSchemas.ChangeRoleRequest.class)
                    JsonNode body) {
        ParticipantRole role = new SessionRequests(body).role("role", null);
        return commands.send(
                new ChangeParticipantRole(sessionId, agentOf(principal), userId, role),
                principal,
                ParticipantResource.class);
    }

    @DeleteMapping("/{sessionId}/participants/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeParticipant(Principal principal, @PathVariable UUID sessionId, @PathVariable String userId) {
        commands.send(new RemoveParticipant(sessionId, agentOf(principal), userId), principal, Void.class);
    }

    private static UUID agentOf(Principal principal) {
        if (!principal.isAgent()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only agents use /v1/agent endpoints");
        }
        return UUID.fromString(principal.subjectId());
    }
}
