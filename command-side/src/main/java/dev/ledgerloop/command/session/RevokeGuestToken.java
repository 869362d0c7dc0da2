package dev.ledgerloop.command.session;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An agent revokes a guest token of its session. */
record RevokeGuestToken(@TargetAggregateIdentifier UUID sessionId, UUID agentId, UUID tokenId)
        implements SessionCommand {}
