package dev.ledgerloop.command.webhook;

import java.security.SecureRandom;
import java.util.Base64;

/** Signing secrets as Standard Webhooks writes them: {@code whsec_} and the base64 of 32 random bytes. */
final class WebhookSecrets {
    static final String PREFIX = "whsec_";
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecrets() {}

    static String generate() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }
}
