package dev.ledgerloop.gateway.idempotency;

/** The first answer to an idempotent request, replayed to its repeats; {@code done} false while it is running. */
record StoredReply(boolean done, int status, String contentType, byte[] body) {}
