package dev.ledgerloop.command.session;

import dev.ledgerloop.platform.hash.Sha256Hex;
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
        return Sha256Hex.of(token);
    }
}
