package dev.ledgerloop.command.session;

import dev.ledgerloop.command.session.SessionCommand.CheckInvocationAllowed;
import dev.ledgerloop.platform.principal.Principal;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Whether a human may make an invocation in a session (docs/api.md §Commands), asked of the session itself. */
@Component
public class SessionInvocations {
    private final SessionCommandSender commands;

    SessionInvocations(SessionCommandSender commands) {
        this.commands = commands;
    }

    /**
     * @throws dev.ledgerloop.service.domain.DomainException not found (not a participant, another agent's session,
     *     none), forbidden (a viewer), conflict (not active, or shredded)
     */
    public void requireAllowed(UUID sessionId, UUID agentId, String userId, Principal principal) {
        commands.send(new CheckInvocationAllowed(sessionId, agentId, userId), principal, Boolean.class);
    }
}
