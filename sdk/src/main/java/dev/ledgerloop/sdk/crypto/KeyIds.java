package dev.ledgerloop.sdk.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Key ids (fingerprints) as the API spells them: lowercase hex of the first 16 bytes of SHA-256 of the raw 32-byte
 * public key. The same rule names X25519 encryption keys ({@code kid}) and Ed25519 signing keys ({@code
 * signingKeyId}).
 */
public final class KeyIds {
    private KeyIds() {}

    /** The key id of a raw 32-byte public key. */
    public static String of(byte[] rawPublicKey) {
        if (rawPublicKey == null || rawPublicKey.length != 32) {
            throw new IllegalArgumentException("A public key is 32 raw bytes");
        }
        return Hex.of(Arrays.copyOf(sha256(rawPublicKey), 16));
    }

    /** Lowercase hex of SHA-256. */
    public static String sha256Hex(byte[] bytes) {
        return Hex.of(sha256(bytes));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
