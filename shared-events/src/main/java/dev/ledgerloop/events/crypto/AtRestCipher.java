package dev.ledgerloop.events.crypto;

import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;

/** Encrypts event payloads at rest with the stream's data key, bound to the event by {@link AssociatedData}. */
public final class AtRestCipher {
    private final SecureRandom random = new SecureRandom();

    /** {@code nonce(12) | ciphertext | tag(16)} under a fresh random nonce. */
    public byte[] encrypt(DataKey key, AssociatedData boundTo, byte[] plaintext) {
        return AesGcm.seal(key.secretKey(), plaintext, boundTo.bytes(), random);
    }

    /** @throws DecryptionFailedException if the bytes were altered or belong to another event */
    public byte[] decrypt(DataKey key, AssociatedData boundTo, byte[] sealed) {
        try {
            return AesGcm.open(key.secretKey(), sealed, boundTo.bytes());
        } catch (AEADBadTagException e) {
            throw new DecryptionFailedException(
                    "Event " + boundTo.eventId() + " (" + boundTo.eventType() + " v" + boundTo.schemaVersion()
                            + ") on stream " + boundTo.streamId() + " under key " + key.keyId()
                            + " does not authenticate: its ciphertext was altered or belongs to another event",
                    e);
        }
    }
}
