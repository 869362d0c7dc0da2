package dev.ledgerloop.events.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AtRestCipherTest {
    private static final String STREAM = "session-0b6e7a34-9f1d-4c55-8a2e-7d3c1b9f0e42";
    private static final UUID EVENT_ID = UUID.fromString("3f1c2a9e-5b7d-4e8f-a1b2-c3d4e5f60718");
    private static final byte[] PLAINTEXT = "{\"sessionId\":\"...\"}".getBytes(StandardCharsets.UTF_8);

    private final AtRestCipher cipher = new AtRestCipher();
    private final DataKey key = randomDataKey("key-1");
    private final AssociatedData boundTo = new AssociatedData(STREAM, EVENT_ID, "MessageSent", 1);

    @Test
    void decrypts_what_it_encrypted() {
        byte[] sealed = cipher.encrypt(key, boundTo, PLAINTEXT);

        assertThat(sealed).hasSize(12 + PLAINTEXT.length + 16);
        assertThat(cipher.decrypt(key, boundTo, sealed)).isEqualTo(PLAINTEXT);
    }

    @Test
    void never_reuses_a_nonce() {
        assertThat(cipher.encrypt(key, boundTo, PLAINTEXT)).isNotEqualTo(cipher.encrypt(key, boundTo, PLAINTEXT));
    }

    @Test
    void a_ciphertext_moved_to_another_event_id_does_not_decrypt() {
        byte[] sealed = cipher.encrypt(key, boundTo, PLAINTEXT);

        assertDoesNotAuthenticate(new AssociatedData(STREAM, UUID.randomUUID(), "MessageSent", 1), sealed);
    }

    @Test
    void a_ciphertext_moved_to_another_stream_does_not_decrypt() {
        byte[] sealed = cipher.encrypt(key, boundTo, PLAINTEXT);

        assertDoesNotAuthenticate(
                new AssociatedData("session-" + UUID.randomUUID(), EVENT_ID, "MessageSent", 1), sealed);
    }

    @Test
    void a_ciphertext_relabelled_as_another_event_type_or_version_does_not_decrypt() {
        byte[] sealed = cipher.encrypt(key, boundTo, PLAINTEXT);

        assertDoesNotAuthenticate(new AssociatedData(STREAM, EVENT_ID, "SessionClosed", 1), sealed);
        assertDoesNotAuthenticate(new AssociatedData(STREAM, EVENT_ID, "MessageSent", 2), sealed);
    }

    @Test
    void a_flipped_byte_anywhere_does_not_decrypt() {
        byte[] sealed = cipher.encrypt(key, boundTo, PLAINTEXT);

        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            assertDoesNotAuthenticate(boundTo, tampered);
        }
    }

    @Test
    void a_truncated_ciphertext_does_not_decrypt() {
        byte[] sealed = cipher.encrypt(key, boundTo, PLAINTEXT);

        assertDoesNotAuthenticate(boundTo, Arrays.copyOf(sealed, sealed.length - 1));
        assertDoesNotAuthenticate(boundTo, new byte[5]);
    }

    @Test
    void another_data_key_does_not_decrypt() {
        byte[] sealed = cipher.encrypt(key, boundTo, PLAINTEXT);

        assertThatThrownBy(() -> cipher.decrypt(randomDataKey("key-2"), boundTo, sealed))
                .isInstanceOf(DecryptionFailedException.class);
    }

    @Test
    void fields_cannot_be_shifted_across_their_boundaries() {
        // Concatenated without lengths both would read "...MessageSent11".
        AssociatedData original = new AssociatedData(STREAM, EVENT_ID, "MessageSent", 11);
        AssociatedData shifted = new AssociatedData(STREAM, EVENT_ID, "MessageSent1", 1);

        assertThat(original.bytes()).isNotEqualTo(shifted.bytes());
    }

    private void assertDoesNotAuthenticate(AssociatedData claimed, byte[] sealed) {
        assertThatThrownBy(() -> cipher.decrypt(key, claimed, sealed))
                .isInstanceOf(DecryptionFailedException.class)
                .hasCauseInstanceOf(AEADBadTagException.class)
                .hasMessageContaining(claimed.eventId().toString())
                .hasMessageContaining("does not authenticate");
    }

    private static DataKey randomDataKey(String keyId) {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return new DataKey(keyId, new SecretKeySpec(raw, "AES"));
    }
}
