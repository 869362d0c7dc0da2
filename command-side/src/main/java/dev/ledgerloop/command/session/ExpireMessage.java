package dev.ledgerloop.command.session;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The system expires a message whose deadline passed unanswered; a no-op when it was answered meanwhile. */
record ExpireMessage(@TargetAggregateIdentifier UUID sessionId, UUID messageId) implements SessionCommand {}
