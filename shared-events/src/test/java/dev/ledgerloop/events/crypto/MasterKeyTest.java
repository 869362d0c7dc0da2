package dev.ledgerloop.events.crypto;

import static dev.ledgerloop.events.fixtures.MasterKeys.randomMasterKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class MasterKeyTest {

    @Test
    void different_spaces_get_different_key_encryption_keys() {
        MasterKey master = randomMasterKey();

        assertThat(master.keyEncryptionKey("space-a").getEncoded())
                .isNotEqualTo(master.keyEncryptionKey("space-b").getEncoded());
    }

    @Test
    void the_same_space_always_gets_the_same_key_encryption_key() {
        String base64 = Base64.getEncoder().encodeToString(new byte[32]);

        assertThat(MasterKey.fromBase64(base64).keyEncryptionKey("space-a").getEncoded())
                .isEqualTo(
                        MasterKey.fromBase64(base64).keyEncryptionKey("space-a").getEncoded())
                .hasSize(32);
    }

    @Test
    void different_master_keys_give_the_same_space_different_key_encryption_keys() {
        assertThat(randomMasterKey().keyEncryptionKey("space-a").getEncoded())
                .isNotEqualTo(randomMasterKey().keyEncryptionKey("space-a").getEncoded());
    }

    @Test
    void the_derivation_is_hkdf_with_the_documented_salt_and_info() {
        byte[] master = new byte[32];
        master[0] = 7;

        assertThat(MasterKey.fromBase64(Base64.getEncoder().encodeToString(master))
                        .keyEncryptionKey("space-a")
                        .getEncoded())
                .isEqualTo(Hkdf.sha256(master, "ledgerloop/kek/v1".getBytes(), "space:space-a".getBytes(), 32));
    }

    @Test
    void refuses_keys_that_are_not_32_bytes_without_echoing_them() {
        String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> MasterKey.fromBase64(sixteenBytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A master key must be 32 bytes");
        assertThatThrownBy(() -> MasterKey.fromBase64("not base64!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A master key must be base64 of 32 bytes");
    }

    @Test
    void never_prints_its_bytes() {
        assertThat(randomMasterKey()).hasToString("MasterKey[redacted]");
    }
}
