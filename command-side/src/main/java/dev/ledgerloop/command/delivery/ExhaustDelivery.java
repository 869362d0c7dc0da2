package dev.ledgerloop.command.delivery;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give up on a delivery without another attempt (its endpoint is disabled or deleted). */
record ExhaustDelivery(@TargetAggregateIdentifier UUID deliveryId, String reason) {}
