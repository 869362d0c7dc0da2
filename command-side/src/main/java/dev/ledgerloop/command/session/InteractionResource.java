package dev.ledgerloop.command.session;

import java.util.UUID;

/** What acknowledge and cancel answer: the message whose interaction changed, and its status now. */
record InteractionResource(UUID sessionId, UUID messageId, String status) {}
