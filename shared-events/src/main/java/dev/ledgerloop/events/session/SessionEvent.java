package dev.ledgerloop.events.session;

import java.util.UUID;

/** Everything that happens to a session, stored on its stream {@code session-<sessionId>}. */
public sealed interface SessionEvent permits SessionOpened, MessageSent, SessionClosed {
    UUID sessionId();
}
