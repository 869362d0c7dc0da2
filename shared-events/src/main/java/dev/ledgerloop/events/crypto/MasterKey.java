package dev.ledgerloop.events.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** The deployment's 32-byte master key, from which each space's key-encryption key is derived. Never printed. */
public final class MasterKey {
    private static final byte[] KEK_SALT = "ledgerloop/kek/v1".getBytes(StandardCharsets.UTF_8);

    private final byte[] bytes;

    private MasterKey(byte[] bytes) {
        if (bytes.length != AesGcm.KEY_BYTES) {
            throw new IllegalArgumentException("A master key must be " + AesGcm.KEY_BYTES + " bytes");
        }
        this.bytes = bytes.clone();
    }

    /** From configuration: standard base64 of 32 bytes. The value is never echoed in an error. */
    public static MasterKey fromBase64(String base64) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("A master key must be base64 of " + AesGcm.KEY_BYTES + " bytes");
        }
        try {
            return new MasterKey(decoded);
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
    }

    /** The space's key-encryption key: HKDF-SHA256(master, salt "ledgerloop/kek/v1", info "space:" + spaceId). */
    SecretKey keyEncryptionKey(String spaceId) {
        byte[] kek =
                Hkdf.sha256(bytes, KEK_SALT, ("space:" + spaceId).getBytes(StandardCharsets.UTF_8), AesGcm.KEY_BYTES);
        try {
            return new SecretKeySpec(kek, "AES");
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[redacted]";
    }
}
