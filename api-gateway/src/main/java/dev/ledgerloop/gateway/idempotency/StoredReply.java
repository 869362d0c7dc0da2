package dev.ledgerloop.gateway.idempotency;

/**
 * The first answer to an idempotent request, replayed to its repeats; {@code done} false while it is running.
 * {@code fingerprint} identifies the request (method, path, body) that claimed the key; {@code body} is sealed.
 */
record StoredReply(boolean done, String fingerprint, int status, String contentType, byte[] body) {}
