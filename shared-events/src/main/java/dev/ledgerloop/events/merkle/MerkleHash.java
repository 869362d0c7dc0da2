package dev.ledgerloop.events.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The hashes of RFC 9162 §2.1.1 with SHA-256: leaves and interior nodes are domain-separated by a prefix byte. */
public final class MerkleHash {
    public static final int SIZE = 32;

    private MerkleHash() {}

    /** SHA-256(0x00 ‖ leaf input). */
    public static byte[] leaf(byte[] leafInput) {
        MessageDigest sha256 = sha256();
        sha256.update((byte) 0x00);
        sha256.update(leafInput);
        return sha256.digest();
    }

    /** SHA-256(0x01 ‖ left ‖ right). */
    public static byte[] node(byte[] left, byte[] right) {
        MessageDigest sha256 = sha256();
        sha256.update((byte) 0x01);
        sha256.update(left);
        sha256.update(right);
        return sha256.digest();
    }

    /** The root of the empty tree: SHA-256 of no bytes. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    public static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
