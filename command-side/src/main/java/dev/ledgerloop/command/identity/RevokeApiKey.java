package dev.ledgerloop.command.identity;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revoke an agent's API key; another agent's or another space's key does not exist for this command. */
record RevokeApiKey(@TargetAggregateIdentifier UUID keyId, UUID agentId) {}
