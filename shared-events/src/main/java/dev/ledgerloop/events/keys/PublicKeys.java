package dev.ledgerloop.events.keys;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The public keys participants register (docs/api.md §Keys): X25519 keys that envelopes are wrapped for, and Ed25519
 * keys that decisions are signed with. Each is 32 raw bytes, sent as standard padded base64; its id (the envelope's
 * {@code kid}, a signature's {@code keyId}) is the lowercase hex of the first 16 bytes of its SHA-256.
 */
public final class PublicKeys {
    public static final int KEY_BYTES = 32;
    private static final int ID_BYTES = 16;
    private static final byte[] PROBE = probeScalar();

    private PublicKeys() {}

    /** The key's 32 raw bytes, or empty when the text is not standard padded base64 of exactly 32 bytes. */
    public static Optional<byte[]> raw(String base64) {
        if (base64 == null || base64.length() != 44) {
            return Optional.empty();
        }
        try {
            byte[] raw = Base64.getDecoder().decode(base64);
            // Re-encoding catches the non-canonical spellings the decoder lets through (stray bits in the padding).
            boolean canonical = Base64.getEncoder().encodeToString(raw).equals(base64);
            return raw.length == KEY_BYTES && canonical ? Optional.of(raw) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /** The key id: lowercase hex of the first 16 bytes of SHA-256(raw key). */
    public static String id(byte[] raw) {
        return HexFormat.of().formatHex(Arrays.copyOf(sha256(raw), ID_BYTES));
    }

    /**
     * True when an X25519 key can carry a shared secret: agreement with it is not all zeros, which it is for the
     * all-zero key and the other points of small order (a sender wrapping for such a key would give its content away).
     */
    public static boolean isUsableX25519(byte[] raw) {
        byte[] shared = new byte[X25519.POINT_SIZE];
        return raw.length == KEY_BYTES && X25519.calculateAgreement(PROBE, 0, raw, 0, shared, 0);
    }

    /** True when the bytes are the encoding of a point of Ed25519 of large order (RFC 8032 §5.1.3, fully checked). */
    public static boolean isValidEd25519(byte[] raw) {
        return raw.length == KEY_BYTES && Ed25519.validatePublicKeyFull(raw, 0);
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }

    private static byte[] probeScalar() {
        byte[] scalar = new byte[X25519.SCALAR_SIZE];
        new SecureRandom().nextBytes(scalar);
        return scalar;
    }
}
