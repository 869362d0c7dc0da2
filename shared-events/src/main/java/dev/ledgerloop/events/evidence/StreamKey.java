package dev.ledgerloop.events.evidence;

/** A stream's at-rest data key, in a bundle so that a verifier can check each payload against its ciphertext. */
public record StreamKey(String stream, String keyId, byte[] key) {}
