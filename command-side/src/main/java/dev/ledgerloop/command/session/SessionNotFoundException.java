package dev.ledgerloop.command.session;

import dev.ledgerloop.platform.error.ErrorCode;
import dev.ledgerloop.service.ApiException;
import java.util.UUID;

/** No such session for the caller: it does not exist, or it is another agent's or another space's. */
class SessionNotFoundException extends ApiException {
    SessionNotFoundException(UUID sessionId) {
        super(ErrorCode.NOT_FOUND, "Session " + sessionId + " not found");
    }
}
