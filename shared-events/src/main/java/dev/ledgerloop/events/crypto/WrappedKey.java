package dev.ledgerloop.events.crypto;

import java.time.Instant;

/** A stream's data key as stored: wrapped ({@code nonce | key | tag}) under its space's key-encryption key. */
public record WrappedKey(String streamId, String spaceId, String keyId, byte[] wrapped, Instant createdAt) {}
