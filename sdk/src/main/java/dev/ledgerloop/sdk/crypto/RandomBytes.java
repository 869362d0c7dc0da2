package dev.ledgerloop.sdk.crypto;

import java.security.SecureRandom;

/**
 * Where sealing and key generation take their random bytes. Production code uses {@link #secure()}; tests inject
 * fixed bytes to reproduce the published test vectors (the order in which sealing asks is documented on {@link
 * EnvelopeCipher#seal}).
 */
@FunctionalInterface
public interface RandomBytes {
    /** Answers {@code length} new bytes. */
    byte[] next(int length);

    /** Bytes from a {@link SecureRandom}. */
    static RandomBytes secure() {
        SecureRandom random = new SecureRandom();
        return length -> {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            return bytes;
        };
    }
}
