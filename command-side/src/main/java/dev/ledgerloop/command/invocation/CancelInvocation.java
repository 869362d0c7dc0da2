package dev.ledgerloop.command.invocation;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The human who invoked withdraws the invocation. */
record CancelInvocation(@TargetAggregateIdentifier UUID invocationId, String userId) {}
