package dev.ledgerloop.command.session;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A human joins a session as a guest with a token the agent gave out; {@code at} is when they asked. */
record RedeemGuestToken(@TargetAggregateIdentifier UUID sessionId, String userId, String token, Instant at)
        implements SessionCommand {}
