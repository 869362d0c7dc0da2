package dev.ledgerloop.command.session;

import dev.ledgerloop.service.domain.DomainException;
import java.util.UUID;

/** No such session for the caller: it does not exist, or it is another agent's or another space's. */
class SessionNotFoundException extends DomainException {
    SessionNotFoundException(UUID sessionId) {
        super(Kind.NOT_FOUND, "Session " + sessionId + " not found");
    }
}
