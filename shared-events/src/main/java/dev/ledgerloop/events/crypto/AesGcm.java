package dev.ledgerloop.events.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM through the JCE (hardware-accelerated): a 12-byte nonce, a 16-byte tag, sealed output laid out as
 * {@code nonce | ciphertext | tag}.
 */
final class AesGcm {
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    static final int KEY_BYTES = 32;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    /**
     * Sealing and opening re-initialise one Cipher each per thread (every call sets key, nonce and AAD anew; the JCE's
     * look-up of a fresh instance cost more than the encryption of a small event). An instance refuses to encrypt
     * twice under the same key and nonce, which a fresh random nonce never asks of it; {@link #encrypt}, whose caller
     * chooses the nonce, takes a fresh instance so that repeating a nonce on purpose (test vectors) stays possible.
     */
    private static final ThreadLocal<Cipher> SEALING = ThreadLocal.withInitial(AesGcm::newCipher);

    private static final ThreadLocal<Cipher> DECRYPTING = ThreadLocal.withInitial(AesGcm::newCipher);

    private AesGcm() {}

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JRE has " + TRANSFORMATION, e);
        }
    }

    /** Encrypts under a fresh random nonce: {@code nonce | ciphertext | tag}. */
    static byte[] seal(SecretKey key, byte[] plaintext, byte[] aad, SecureRandom random) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = new byte[NONCE_BYTES + plaintext.length + TAG_BYTES];
        System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
        try {
            initialised(SEALING.get(), Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce), aad)
                    .doFinal(plaintext, 0, plaintext.length, sealed, NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
        return sealed;
    }

    /** Opens what {@link #seal} produced. */
    static byte[] open(SecretKey key, byte[] sealed, byte[] aad) throws AEADBadTagException {
        if (sealed.length < NONCE_BYTES + TAG_BYTES) {
            throw new AEADBadTagException("Sealed data shorter than nonce and tag");
        }
        return decrypt(
                key,
                new GCMParameterSpec(TAG_BYTES * 8, sealed, 0, NONCE_BYTES),
                sealed,
                NONCE_BYTES,
                sealed.length - NONCE_BYTES,
                aad);
    }

    /** The bare primitive for an explicit nonce: {@code ciphertext | tag}. */
    static byte[] encrypt(SecretKey key, byte[] nonce, byte[] plaintext, byte[] aad) {
        try {
            return initialised(newCipher(), Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce), aad)
                    .doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** The bare primitive for an explicit nonce, opening {@code ciphertext | tag}. */
    static byte[] decrypt(SecretKey key, byte[] nonce, byte[] ciphertextAndTag, byte[] aad) throws AEADBadTagException {
        return decrypt(
                key, new GCMParameterSpec(TAG_BYTES * 8, nonce), ciphertextAndTag, 0, ciphertextAndTag.length, aad);
    }

    private static byte[] decrypt(
            SecretKey key, GCMParameterSpec nonce, byte[] input, int offset, int length, byte[] aad)
            throws AEADBadTagException {
        try {
            return initialised(DECRYPTING.get(), Cipher.DECRYPT_MODE, key, nonce, aad)
                    .doFinal(input, offset, length);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    /** {@code cipher} set anew for one operation: mode, key, nonce and associated data. */
    private static Cipher initialised(Cipher cipher, int mode, SecretKey key, GCMParameterSpec nonce, byte[] aad)
            throws GeneralSecurityException {
        cipher.init(mode, key, nonce);
        cipher.updateAAD(aad);
        return cipher;
    }
}
