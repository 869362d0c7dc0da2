package dev.ledgerloop.command.session;

import dev.ledgerloop.service.domain.DomainException;

/** The session's state does not allow the command (e.g. a message to a closed session): a conflict. */
class SessionRefusedException extends DomainException {
    SessionRefusedException(String message) {
        super(Kind.CONFLICT, message);
    }
}
