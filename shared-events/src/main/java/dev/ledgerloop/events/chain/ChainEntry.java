package dev.ledgerloop.events.chain;

/** One stored event as the chain sees it: its metadata JSON exactly as stored, and its ciphertext. */
public record ChainEntry(byte[] metadata, byte[] ciphertext) {}
