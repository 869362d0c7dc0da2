package dev.ledgerloop.sdk.crypto;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * An X25519 key pair as raw 32-byte strings (RFC 7748): the private scalar as given (clamped when used) and its public
 * key. The agent's pair comes from its API key ({@link #deriveAgentKey}), so an agent needs no key file.
 */
public final class X25519KeyPair {
    static final int KEY_BYTES = 32;
    private static final byte[] AGENT_KEY_SALT = "ledgerloop/agent-key/v1".getBytes(StandardCharsets.UTF_8);

    private final byte[] privateKey;
    private final byte[] publicKey;

    private X25519KeyPair(byte[] privateKey) {
        if (privateKey == null || privateKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("An X25519 private key is 32 raw bytes");
        }
        this.privateKey = privateKey.clone();
        this.publicKey = new byte[KEY_BYTES];
        X25519.scalarMultBase(this.privateKey, 0, publicKey, 0);
    }

    /** The pair of a raw 32-byte private key. */
    public static X25519KeyPair fromPrivateKey(byte[] privateKey) {
        return new X25519KeyPair(privateKey);
    }

    /** A new pair from {@code random}. */
    public static X25519KeyPair generate(RandomBytes random) {
        return new X25519KeyPair(random.next(KEY_BYTES));
    }

    /**
     * The agent's key from its API key: private scalar = HKDF-SHA256(ikm = UTF-8(apiKey), salt =
     * UTF-8("ledgerloop/agent-key/v1"), info = UTF-8(agentName, or "" without one), L = 32).
     */
    public static X25519KeyPair deriveAgentKey(String apiKey, String agentName) {
        if (apiKey == null || apiKey.isEmpty()) {
            throw new IllegalArgumentException("An API key is required to derive the agent's key");
        }
        byte[] info = (agentName == null ? "" : agentName).getBytes(StandardCharsets.UTF_8);
        return new X25519KeyPair(Hkdf.sha256(apiKey.getBytes(StandardCharsets.UTF_8), AGENT_KEY_SALT, info, KEY_BYTES));
    }

    /** The raw 32-byte public key (a copy). */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The raw 32-byte private key (a copy); keep it secret. */
    public byte[] privateKey() {
        return privateKey.clone();
    }

    /** The key id of the public key ({@link KeyIds#of}). */
    public String kid() {
        return KeyIds.of(publicKey);
    }

    /** X25519(private, peer); an all-zero result (a low-order peer key) cannot decrypt anything. */
    byte[] agree(byte[] peerPublicKey) {
        if (peerPublicKey.length != KEY_BYTES) {
            throw new CannotDecryptException();
        }
        byte[] shared = new byte[KEY_BYTES];
        if (!X25519.calculateAgreement(privateKey, 0, peerPublicKey, 0, shared, 0)) {
            throw new CannotDecryptException();
        }
        return shared;
    }

    /** Names the key by its id only: a pair's toString never shows key bytes. */
    @Override
    public String toString() {
        return "X25519KeyPair[kid=" + kid() + "]";
    }
}
