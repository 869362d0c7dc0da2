package dev.ledgerloop.command.delivery;

import java.util.UUID;

/** The dispatcher creates one delivery per (event, endpoint); the id is derived from both, so a replay conflicts. */
record CreateDelivery(UUID deliveryId, UUID webhookId, UUID agentId, String eventId, String type, String payload) {}
