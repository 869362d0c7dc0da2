package dev.ledgerloop.command.session;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.util.UUID;

/** Open a session for an agent; send it with the principal's {@code EventContext}. */
record OpenSession(UUID sessionId, UUID agentId, EncryptedEnvelope encryptedTitle, boolean isPublic, Integer maxGuests)
        implements SessionCommand {}
