package dev.ledgerloop.command.invocation;

import dev.ledgerloop.command.invocation.InvocationCommand.CompleteInvocation;
import dev.ledgerloop.command.invocation.InvocationCommand.FailInvocation;
import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.ApiException;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The invoked agent finishes an invocation; polling for them is the query side's. */
@RestController
@RequestMapping("/v1/agent/invocations/{invocationId}")
class AgentInvocationController {
    private final InvocationCommandSender invocations;

    AgentInvocationController(InvocationCommandSender invocations) {
        this.invocations = invocations;
    }

    @PostMapping("/complete")
    InvocationResource complete(
            Principal principal,
            @PathVariable UUID invocationId,
            @RequestBody @Valid InvocationRequests.CompleteRequest body) {
        UUID agentId = agentOf(principal);
        return InvocationResource.of(invocations.send(
                invocationId, new CompleteInvocation(invocationId, agentId, body.encryptedResult()), principal));
    }

    @PostMapping("/fail")
    InvocationResource fail(
            Principal principal,
            @PathVariable UUID invocationId,
            @RequestBody @Valid InvocationRequests.FailRequest body) {
        UUID agentId = agentOf(principal);
        return InvocationResource.of(
                invocations.send(invocationId, new FailInvocation(invocationId, agentId, body.error()), principal));
    }

    private static UUID agentOf(Principal principal) {
        if (!principal.isAgent()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only agents use /v1/agent endpoints");
        }
        return UUID.fromString(principal.subjectId());
    }
}
