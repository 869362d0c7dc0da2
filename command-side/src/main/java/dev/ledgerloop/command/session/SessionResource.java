package dev.ledgerloop.command.session;

import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.time.Instant;
import java.util.UUID;

/** API.md's session object, as a command answers it. */
record SessionResource(
        UUID id,
        SessionStatus status,
        boolean isPublic,
        Integer maxGuests,
        EncryptedEnvelope encryptedTitle,
        UUID agentId,
        Instant createdAt,
        Instant updatedAt,
        Instant lastMessageAt) {}
