package dev.ledgerloop.events.envelope;

/** The envelope's content key wrapped for one recipient key: key id, ephemeral X25519 public key, wrapped key. */
public record Wrapping(String kid, String epk, String wrappedKey) {}
