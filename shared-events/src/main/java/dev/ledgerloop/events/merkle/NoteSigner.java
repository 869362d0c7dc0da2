package dev.ledgerloop.events.merkle;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Signs C2SP signed notes with one Ed25519 key (docs/verifiable-record.md §Signed notes): the note is its text, a
 * blank line and {@code — <key name> <base64(key hash ‖ signature)>}, where the key hash is the first four bytes of
 * SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ public key) and the signature covers the text's bytes. The key never leaves this
 * object; {@link #toString()} names only the key.
 */
public final class NoteSigner {
    static final byte ED25519 = 0x01;
    private static final String SIGNATURE_PREFIX = "\u2014 ";

    private final String keyName;
    private final Ed25519PrivateKeyParameters privateKey;
    private final byte[] publicKey;
    private final byte[] keyHash;

    /**
     * @param keyName the key's name: printable, no spaces, no {@code +}
     * @param seed the 32-byte Ed25519 private key (RFC 8032 seed)
     */
    public NoteSigner(String keyName, byte[] seed) {
        requireValidKeyName(keyName);
        if (seed == null || seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("An Ed25519 signing key is 32 bytes");
        }
        this.keyName = keyName;
        this.privateKey = new Ed25519PrivateKeyParameters(seed, 0);
        this.publicKey = privateKey.generatePublicKey().getEncoded();
        this.keyHash = keyHash(keyName, publicKey);
    }

    public static byte[] keyHash(String keyName, byte[] publicKey) {
        byte[] name = keyName.getBytes(StandardCharsets.UTF_8);
        byte[] hashed = new byte[name.length + 2 + publicKey.length];
        System.arraycopy(name, 0, hashed, 0, name.length);
        hashed[name.length] = '\n';
        hashed[name.length + 1] = ED25519;
        System.arraycopy(publicKey, 0, hashed, name.length + 2, publicKey.length);
        return Arrays.copyOf(MerkleHash.sha256(hashed), 4);
    }

    /** The text, a blank line and this key's signature line. */
    public String sign(String text) {
        if (text.isEmpty() || !text.endsWith("\n")) {
            throw new IllegalArgumentException("A note's text ends with a newline");
        }
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        byte[] signature = signer.generateSignature();
        byte[] blob = new byte[keyHash.length + signature.length];
        System.arraycopy(keyHash, 0, blob, 0, keyHash.length);
        System.arraycopy(signature, 0, blob, keyHash.length, signature.length);
        return text + "\n" + SIGNATURE_PREFIX + keyName + " "
                + Base64.getEncoder().encodeToString(blob) + "\n";
    }

    /** The C2SP verifier key: {@code <name>+<8 hex digits of the key hash>+<base64(0x01 ‖ public key)>}. */
    public String verifierKey() {
        byte[] typed = new byte[1 + publicKey.length];
        typed[0] = ED25519;
        System.arraycopy(publicKey, 0, typed, 1, publicKey.length);
        return keyName + "+" + HexFormat.of().formatHex(keyHash) + "+"
                + Base64.getEncoder().encodeToString(typed);
    }

    public String keyName() {
        return keyName;
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    static void requireValidKeyName(String keyName) {
        if (keyName == null || keyName.isEmpty() || keyName.chars().anyMatch(c -> c <= ' ' || c == '+' || c == 0x7F)) {
            throw new IllegalArgumentException(
                    "A key name is non-empty, without spaces, control characters or '+': '" + keyName + "'");
        }
    }

    @Override
    public String toString() {
        return "NoteSigner[" + keyName + "]";
    }
}
