package dev.ledgerloop.sdk.crypto;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Seals and opens envelopes (docs/sdk.md §Envelope):
 *
 * <ul>
 *   <li>content key K (32 random bytes), nonce n (12): {@code ciphertext = n ‖ AES-256-GCM(K, n, plaintext, aad = "")}
 *   <li>per recipient (R, kid): ephemeral pair (e, E), Z = X25519(e, R), W = HKDF-SHA256(Z, salt = E ‖ R, info =
 *       "ledgerloop/envelope/v1/wrap", 32), wrap nonce wn (12): {@code wrappedKey = wn ‖ AES-256-GCM(W, wn, K, aad =
 *       UTF-8(kid))}, {@code epk = E}
 * </ul>
 *
 * Instances are immutable and thread-safe when their {@link RandomBytes} is.
 */
public final class EnvelopeCipher {
    private static final int CONTENT_KEY_BYTES = 32;
    private static final byte[] WRAP_INFO = "ledgerloop/envelope/v1/wrap".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NO_AAD = new byte[0];

    private final RandomBytes random;

    private EnvelopeCipher(RandomBytes random) {
        this.random = random;
    }

    /** Seals with a {@link java.security.SecureRandom}. */
    public static EnvelopeCipher secure() {
        return new EnvelopeCipher(RandomBytes.secure());
    }

    /** Seals with the given bytes: for tests and test vectors only. */
    public static EnvelopeCipher withRandom(RandomBytes random) {
        return new EnvelopeCipher(random);
    }

    /**
     * Seals {@code plaintext} for every recipient. Random bytes are asked for in this order: the content key (32), the
     * content nonce (12), then for each recipient in order its ephemeral private key (32) and its wrap nonce (12).
     *
     * @throws IllegalArgumentException without recipients, or for a recipient key of low order
     */
    public Envelope seal(byte[] plaintext, List<EnvelopeRecipient> recipients) {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("An envelope needs at least one recipient");
        }
        byte[] contentKey = random.next(CONTENT_KEY_BYTES);
        byte[] ciphertext = AesGcm.seal(contentKey, random.next(AesGcm.NONCE_BYTES), plaintext, NO_AAD);
        List<Envelope.Wrapping> wrappings = new ArrayList<>();
        for (EnvelopeRecipient recipient : recipients) {
            X25519KeyPair ephemeral = X25519KeyPair.generate(random);
            byte[] recipientKey = recipient.publicKey();
            byte[] wrapKey;
            try {
                wrapKey = wrapKey(ephemeral.agree(recipientKey), ephemeral.publicKey(), recipientKey);
            } catch (CannotDecryptException e) {
                throw new IllegalArgumentException("Recipient key '" + recipient.kid() + "' is not usable");
            }
            byte[] wrapped = AesGcm.seal(
                    wrapKey,
                    random.next(AesGcm.NONCE_BYTES),
                    contentKey,
                    recipient.kid().getBytes(StandardCharsets.UTF_8));
            wrappings.add(new Envelope.Wrapping(recipient.kid(), base64(ephemeral.publicKey()), base64(wrapped)));
        }
        return new Envelope(base64(ciphertext), wrappings);
    }

    /** Seals UTF-8 text (the API's plaintexts are UTF-8 JSON). */
    public Envelope seal(String plaintext, List<EnvelopeRecipient> recipients) {
        return seal(plaintext.getBytes(StandardCharsets.UTF_8), recipients);
    }

    /**
     * Opens an envelope with the private key of one of its recipients: the wrapping with that key's id.
     *
     * @throws CannotDecryptException for any failure
     */
    public static byte[] open(Envelope envelope, X25519KeyPair key) {
        String kid = key.kid();
        byte[] recipientKey = key.publicKey();
        for (Envelope.Wrapping wrapping : envelope.wrappings()) {
            if (!wrapping.kid().equals(kid)) {
                continue;
            }
            byte[] ephemeral = decode(wrapping.epk());
            byte[] contentKey = AesGcm.open(
                    wrapKey(key.agree(ephemeral), ephemeral, recipientKey),
                    decode(wrapping.wrappedKey()),
                    kid.getBytes(StandardCharsets.UTF_8));
            if (contentKey.length != CONTENT_KEY_BYTES) {
                throw new CannotDecryptException();
            }
            return AesGcm.open(contentKey, decode(envelope.ciphertext()), NO_AAD);
        }
        throw new CannotDecryptException();
    }

    /** {@link #open} as UTF-8 text. */
    public static String openText(Envelope envelope, X25519KeyPair key) {
        return new String(open(envelope, key), StandardCharsets.UTF_8);
    }

    private static byte[] wrapKey(byte[] sharedSecret, byte[] ephemeralPublic, byte[] recipientPublic) {
        byte[] salt = new byte[ephemeralPublic.length + recipientPublic.length];
        System.arraycopy(ephemeralPublic, 0, salt, 0, ephemeralPublic.length);
        System.arraycopy(recipientPublic, 0, salt, ephemeralPublic.length, recipientPublic.length);
        return Hkdf.sha256(sharedSecret, salt, WRAP_INFO, 32);
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new CannotDecryptException();
        }
    }
}
