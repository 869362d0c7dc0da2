package dev.ledgerloop.command.invocation;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The invoked agent reports that it could not carry the invocation out. */
record FailInvocation(@TargetAggregateIdentifier UUID invocationId, UUID agentId, String error) {}
