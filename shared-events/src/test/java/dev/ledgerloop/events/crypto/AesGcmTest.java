package dev.ledgerloop.events.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The primitive under {@link AtRestCipher}, against test case 16 of McGrew and Viega, "The Galois/Counter Mode of
 * Operation (GCM)": a 256-bit key, 60-byte plaintext, 20 bytes of associated data, 96-bit IV.
 */
class AesGcmTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final SecretKey KEY =
            new SecretKeySpec(HEX.parseHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308"), "AES");
    private static final byte[] PLAINTEXT = HEX.parseHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d"
            + "8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
    private static final byte[] AAD = HEX.parseHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    private static final byte[] IV = HEX.parseHex("cafebabefacedbaddecaf888");
    private static final String CIPHERTEXT = "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
            + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662";
    private static final String TAG = "76fc6ece0f4e1768cddf8853bb2d551b";

    @Test
    void encrypts_the_known_answer() {
        assertThat(HEX.formatHex(AesGcm.encrypt(KEY, IV, PLAINTEXT, AAD))).isEqualTo(CIPHERTEXT + TAG);
    }

    @Test
    void decrypts_the_known_answer() throws AEADBadTagException {
        assertThat(AesGcm.decrypt(KEY, IV, HEX.parseHex(CIPHERTEXT + TAG), AAD)).isEqualTo(PLAINTEXT);
    }

    @Test
    void rejects_the_known_answer_with_other_associated_data() {
        byte[] otherAad = AAD.clone();
        otherAad[0] ^= 1;

        assertThatThrownBy(() -> AesGcm.decrypt(KEY, IV, HEX.parseHex(CIPHERTEXT + TAG), otherAad))
                .isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void sealed_output_is_nonce_then_ciphertext_then_tag() throws AEADBadTagException {
        byte[] sealed = AesGcm.seal(KEY, PLAINTEXT, AAD, new SecureRandom());

        assertThat(sealed).hasSize(12 + PLAINTEXT.length + 16);
        byte[] nonce = Arrays.copyOf(sealed, 12);
        assertThat(Arrays.copyOfRange(sealed, 12, sealed.length)).isEqualTo(AesGcm.encrypt(KEY, nonce, PLAINTEXT, AAD));
        assertThat(AesGcm.open(KEY, sealed, AAD)).isEqualTo(PLAINTEXT);
    }

    @Test
    void rejects_sealed_data_shorter_than_nonce_and_tag() {
        assertThatThrownBy(() -> AesGcm.open(KEY, new byte[27], AAD)).isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void seals_again_and_again_on_one_thread_under_fresh_nonces_and_other_keys() throws AEADBadTagException {
        SecureRandom random = new SecureRandom();
        SecretKey other = new SecretKeySpec(new byte[32], "AES");
        byte[] previous = null;
        for (int i = 0; i < 100; i++) {
            SecretKey key = i % 3 == 0 ? other : KEY;
            byte[] sealed = AesGcm.seal(key, PLAINTEXT, AAD, random);
            assertThat(sealed).isNotEqualTo(previous);
            assertThat(AesGcm.open(key, sealed, AAD)).isEqualTo(PLAINTEXT);
            previous = sealed;
        }
    }
}
