package dev.ledgerloop.command.session;

import dev.ledgerloop.events.session.ParticipantRole;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An agent changes a participant's role. */
record ChangeParticipantRole(
        @TargetAggregateIdentifier UUID sessionId, UUID agentId, String userId, ParticipantRole role)
        implements SessionCommand {}
