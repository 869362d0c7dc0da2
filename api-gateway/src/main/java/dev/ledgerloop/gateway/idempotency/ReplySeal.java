package dev.ledgerloop.gateway.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps a stored answer unreadable to anyone who reads the store: answers can hold secrets (a guest token, a webhook
 * secret). Each answer is sealed with AES-256-GCM under a key derived (HMAC-SHA256) from the gateway's principal
 * secret and the request's scope, raw {@code Idempotency-Key} included, which the store never holds: only a repeat of
 * the same request through a gateway of this deployment can open it.
 */
final class ReplySeal {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] secret;

    ReplySeal(String principalSecretBase64) {
        this.secret = Base64.getDecoder().decode(principalSecretBase64);
    }

    byte[] seal(String scope, byte[] plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, scope, nonce, plain);
        byte[] stored = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
        System.arraycopy(sealed, 0, stored, NONCE_BYTES, sealed.length);
        return stored;
    }

    /** @throws IllegalStateException when the answer was not sealed for this scope by this deployment */
    byte[] open(String scope, byte[] stored) {
        return run(
                Cipher.DECRYPT_MODE,
                scope,
                Arrays.copyOf(stored, NONCE_BYTES),
                Arrays.copyOfRange(stored, NONCE_BYTES, stored.length));
    }

    private byte[] run(int mode, String scope, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key(scope), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal or open a stored idempotent answer", e);
        }
    }

    private byte[] key(String scope) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return mac.doFinal(("ledgerloop idempotent reply\n" + scope).getBytes(StandardCharsets.UTF_8));
    }
}
