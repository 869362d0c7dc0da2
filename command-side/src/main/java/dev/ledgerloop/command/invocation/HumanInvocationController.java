package dev.ledgerloop.command.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ledgerloop.command.agent.AgentCommand.ValidateInvocation;
import dev.ledgerloop.command.agent.AgentCommandSender;
import dev.ledgerloop.command.invocation.InvocationCommand.CancelInvocation;
import dev.ledgerloop.command.invocation.InvocationCommand.RequestInvocation;
import dev.ledgerloop.command.session.SessionInvocations;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import jakarta.validation.Valid;
import java.time.Clock;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A human invokes an agent's registered command and may withdraw it while it is pending. Plain
 * {@code arguments} are checked against the command's schema; end-to-end encrypted ones the server cannot read. An
 * invocation with neither must be one the schema accepts without arguments.
 */
@RestController
@RequestMapping("/v1/human/invocations")
class HumanInvocationController {
    private final AgentCommandSender agents;
    private final InvocationCommandSender invocations;
    private final SessionInvocations sessions;
    private final Clock clock;

    HumanInvocationController(
            AgentCommandSender agents, InvocationCommandSender invocations, SessionInvocations sessions, Clock clock) {
        this.agents = agents;
        this.invocations = invocations;
        this.sessions = sessions;
        this.clock = clock;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    InvocationResource invoke(Principal principal, @RequestBody @Valid InvocationRequests.InvokeRequest body) {
        String userId = userOf(principal);
        UUID agentId = body.agentId();
        String command = body.command();
        EncryptedEnvelope encryptedArguments = body.encryptedArguments();
        JsonNode arguments = body.arguments();
        if (arguments != null && arguments.toString().length() > InvocationRequests.MAX_ARGUMENTS_CHARS) {
            throw ApiException.validation("Field 'arguments' must be at most " + InvocationRequests.MAX_ARGUMENTS_CHARS
                    + " characters of JSON");
        }
        JsonNode checked =
                arguments == null && encryptedArguments == null ? JsonNodeFactory.instance.objectNode() : arguments;
        if (body.expiresAt() != null && !body.expiresAt().isAfter(clock.instant())) {
            throw ApiException.validation("Field 'expiresAt' must be in the future");
        }
        agents.validate(new ValidateInvocation(agentId, command, checked), principal);
        if (body.sessionId() != null) {
            sessions.requireAllowed(body.sessionId(), agentId, userId, principal);
        }
        UUID invocationId = UUID.randomUUID();
        return InvocationResource.of(invocations.send(
                invocationId,
                new RequestInvocation(
                        invocationId,
                        agentId,
                        command,
                        encryptedArguments,
                        arguments,
                        userId,
                        body.sessionId(),
                        body.expiresAt()),
                principal));
    }

    @PostMapping("/{invocationId}/cancel")
    InvocationResource cancel(Principal principal, @PathVariable UUID invocationId) {
        return InvocationResource.of(
                invocations.send(invocationId, new CancelInvocation(invocationId, userOf(principal)), principal));
    }

    private static String userOf(Principal principal) {
        if (principal.kind() != Principal.Kind.human) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only humans use /v1/human endpoints");
        }
        return principal.subjectId();
    }
}
