package dev.ledgerloop.command.session;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An agent removes a participant. */
record RemoveParticipant(@TargetAggregateIdentifier UUID sessionId, UUID agentId, String userId)
        implements SessionCommand {}
