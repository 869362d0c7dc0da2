package dev.ledgerloop.command.session;

import dev.ledgerloop.command.session.SessionCommand.CheckOwnSession;
import dev.ledgerloop.platform.principal.Principal;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Whether a session is the agent's own, asked of the session itself (content about it is sealed under its key). */
@Component
public class OwnSessions {
    private final SessionCommandSender commands;

    OwnSessions(SessionCommandSender commands) {
        this.commands = commands;
    }

    /**
     * @throws dev.ledgerloop.service.domain.DomainException not found (none, another agent's or another space's),
     *     conflict (shredded)
     */
    public void requireOwn(UUID sessionId, UUID agentId, Principal principal) {
        commands.send(new CheckOwnSession(sessionId, agentId), principal, Boolean.class);
    }
}
