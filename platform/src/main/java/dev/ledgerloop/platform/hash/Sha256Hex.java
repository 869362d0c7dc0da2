package dev.ledgerloop.platform.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as lowercase hex: how API keys, guest tokens and idempotency scopes are stored instead of themselves, and
 * how attachments are named by content. The gateway and the backends must compute it the same way.
 */
public final class Sha256Hex {
    private Sha256Hex() {}

    public static String of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String of(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JRE has SHA-256", e);
        }
    }
}
