package dev.ledgerloop.command.session;

import dev.ledgerloop.events.session.ParticipantRole;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An agent adds a human to its session. */
record AddParticipant(@TargetAggregateIdentifier UUID sessionId, UUID agentId, String userId, ParticipantRole role)
        implements SessionCommand {}
