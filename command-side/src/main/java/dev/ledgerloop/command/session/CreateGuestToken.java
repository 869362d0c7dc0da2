package dev.ledgerloop.command.session;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An agent creates a guest token for its session; the token itself is returned once and only its hash is kept. */
record CreateGuestToken(
        @TargetAggregateIdentifier UUID sessionId,
        UUID agentId,
        UUID tokenId,
        String token,
        Integer maxUses,
        Instant expiresAt,
        String publicUrl)
        implements SessionCommand {}
