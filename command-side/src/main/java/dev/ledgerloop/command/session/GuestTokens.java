package dev.ledgerloop.command.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Guest tokens: {@code hlg_} and 64 random hex digits, kept only as their SHA-256. */
final class GuestTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private GuestTokens() {}

    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "hlg_" + HexFormat.of().formatHex(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JRE has SHA-256", e);
        }
    }
}
