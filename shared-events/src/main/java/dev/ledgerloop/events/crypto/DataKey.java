package dev.ledgerloop.events.crypto;

import java.util.Objects;
import javax.crypto.SecretKey;

/** A stream's unwrapped AES-256 data key and its id; only this package can read the key. */
public final class DataKey {
    private final String keyId;
    private final SecretKey key;

    DataKey(String keyId, SecretKey key) {
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.key = Objects.requireNonNull(key, "key");
    }

    /** The id recorded in each event's metadata ({@code keyId}). */
    public String keyId() {
        return keyId;
    }

    SecretKey secretKey() {
        return key;
    }

    /**
     * The raw key, for an evidence bundle only: whoever holds it can read the stream's content. Never log it.
     */
    public byte[] exportForEvidence() {
        return key.getEncoded();
    }

    /** A key taken from an evidence bundle, to check payloads against their ciphertext. */
    public static DataKey fromEvidence(String keyId, byte[] key) {
        return new DataKey(keyId, new javax.crypto.spec.SecretKeySpec(key, "AES"));
    }

    @Override
    public String toString() {
        return "DataKey[" + keyId + "]";
    }
}
