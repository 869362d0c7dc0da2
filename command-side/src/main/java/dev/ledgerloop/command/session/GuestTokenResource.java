package dev.ledgerloop.command.session;

import java.time.Instant;
import java.util.UUID;

/** A new guest token as its creation answers it: the only time the token itself is shown. */
record GuestTokenResource(
        UUID id,
        UUID sessionId,
        String token,
        String publicUrl,
        Integer maxUses,
        int uses,
        Instant expiresAt,
        boolean revoked,
        Instant createdAt) {}
