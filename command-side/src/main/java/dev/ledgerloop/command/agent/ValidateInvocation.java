package dev.ledgerloop.command.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Check that a human may invoke the agent's command with these plain arguments (null when only encrypted ones
 * come): the agent is in the caller's space, has the command, and the arguments satisfy its schema. Changes nothing;
 * answers the {@link dev.ledgerloop.events.agent.RegisteredCommand}.
 */
public record ValidateInvocation(@TargetAggregateIdentifier UUID agentId, String command, JsonNode arguments) {}
