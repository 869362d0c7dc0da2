package dev.ledgerloop.command.session;

import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.service.ApiException;

/** The session's state does not allow the command (e.g. a message to a closed session): 409. */
class SessionRefusedException extends ApiException {
    SessionRefusedException(String message) {
        super(ErrorCode.CONFLICT, message);
    }
}
