package dev.ledgerloop.command.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.events.session.Priority;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
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

    private final SessionCommands commands;

    SessionCommandController(SessionCommands commands) {
        this.commands = commands;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SessionResource open(Principal principal, @RequestBody(required = false) JsonNode body) {
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
            Principal principal, @PathVariable UUID sessionId, @RequestBody(required = false) JsonNode body) {
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

    @PostMapping("/{sessionId}/close")
    SessionResource close(Principal principal, @PathVariable UUID sessionId) {
        return commands.send(new CloseSession(sessionId, agentOf(principal)), principal, SessionResource.class);
    }

    private static UUID agentOf(Principal principal) {
        if (!principal.isAgent()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only agents use /v1/agent endpoints");
        }
        return UUID.fromString(principal.subjectId());
    }
}
