package dev.ledgerloop.command.human;

import java.time.Instant;

/** A human's registered keys, as {@code PUT /v1/human/public-key} answers them. */
public record HumanKeyState(
        String userId,
        String publicKey,
        String fingerprint,
        String signingPublicKey,
        String signingKeyId,
        Instant registeredAt) {}
