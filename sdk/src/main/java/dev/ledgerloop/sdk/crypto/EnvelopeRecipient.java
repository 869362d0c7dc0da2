package dev.ledgerloop.sdk.crypto;

/**
 * Someone an envelope is sealed for: an X25519 public key (raw 32 bytes) and its key id.
 *
 * @param kid the key id written into the wrapping, and bound to it as the wrap's associated data
 * @param publicKey the raw 32-byte X25519 public key
 */
public record EnvelopeRecipient(String kid, byte[] publicKey) {
    /** Checks the key's length and copies it. */
    public EnvelopeRecipient {
        if (kid == null || kid.isEmpty()) {
            throw new IllegalArgumentException("A recipient needs a key id");
        }
        if (publicKey == null || publicKey.length != X25519KeyPair.KEY_BYTES) {
            throw new IllegalArgumentException("A recipient's public key is 32 raw bytes");
        }
        publicKey = publicKey.clone();
    }

    /** A recipient named by the key id of its key ({@link KeyIds#of}). */
    public static EnvelopeRecipient of(byte[] publicKey) {
        return new EnvelopeRecipient(KeyIds.of(publicKey), publicKey);
    }

    /** The public key (a copy). */
    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }
}
