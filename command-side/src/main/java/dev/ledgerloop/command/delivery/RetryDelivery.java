package dev.ledgerloop.command.delivery;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Attempt a failed or exhausted delivery again now. {@code agentId} is the agent asking (it must own the delivery);
 * null when the space owner recovers an endpoint's deliveries.
 */
record RetryDelivery(@TargetAggregateIdentifier UUID deliveryId, UUID agentId) {}
