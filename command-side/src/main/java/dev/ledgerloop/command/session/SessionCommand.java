package dev.ledgerloop.command.session;

import java.util.UUID;

/** A command to one session. */
interface SessionCommand {
    UUID sessionId();
}
