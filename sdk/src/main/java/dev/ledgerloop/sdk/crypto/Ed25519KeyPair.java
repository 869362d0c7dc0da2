package dev.ledgerloop.sdk.crypto;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 signing key (RFC 8032): the 32-byte private seed and its 32-byte public key. Humans sign their decisions
 * with one ({@link DecisionStatement}); anyone checks with {@link #verify}.
 */
public final class Ed25519KeyPair {
    private static final int KEY_BYTES = 32;
    private static final int SIGNATURE_BYTES = 64;

    private final byte[] seed;
    private final byte[] publicKey;

    private Ed25519KeyPair(byte[] seed) {
        if (seed == null || seed.length != KEY_BYTES) {
            throw new IllegalArgumentException("An Ed25519 private key is a 32-byte seed");
        }
        this.seed = seed.clone();
        this.publicKey = new byte[KEY_BYTES];
        Ed25519.generatePublicKey(this.seed, 0, publicKey, 0);
    }

    /** The pair of a 32-byte seed. */
    public static Ed25519KeyPair fromSeed(byte[] seed) {
        return new Ed25519KeyPair(seed);
    }

    /** A new pair from {@code random}. */
    public static Ed25519KeyPair generate(RandomBytes random) {
        return new Ed25519KeyPair(random.next(KEY_BYTES));
    }

    /** The raw 32-byte public key (a copy). */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The signing key id: {@link KeyIds#of} the public key. */
    public String keyId() {
        return KeyIds.of(publicKey);
    }

    /** The 64-byte signature of {@code message}. */
    public byte[] sign(byte[] message) {
        byte[] signature = new byte[SIGNATURE_BYTES];
        Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    /** Whether {@code signature} is a valid Ed25519 signature of {@code message} by {@code publicKey}. */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null
                || publicKey.length != KEY_BYTES
                || signature == null
                || signature.length != SIGNATURE_BYTES) {
            return false;
        }
        try {
            return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Names the key by its id only. */
    @Override
    public String toString() {
        return "Ed25519KeyPair[keyId=" + keyId() + "]";
    }
}
