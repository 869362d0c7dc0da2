package dev.ledgerloop.sdk.crypto;

import java.util.HexFormat;

/** Lowercase hexadecimal. */
final class Hex {
    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {}

    static String of(byte[] bytes) {
        return LOWER.formatHex(bytes);
    }

    static byte[] parse(String hex) {
        return LOWER.parseHex(hex);
    }
}
