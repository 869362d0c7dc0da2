package dev.ledgerloop.events.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

class PublicKeysTest {
    private static final byte[] X25519_KEY =
            new X25519PrivateKeyParameters(new byte[32]).generatePublicKey().getEncoded();

    @Test
    void only_canonical_base64_of_32_bytes_is_a_key() {
        String key = Base64.getEncoder().encodeToString(X25519_KEY);

        assertThat(PublicKeys.raw(key))
                .hasValueSatisfying(raw -> assertThat(raw).isEqualTo(X25519_KEY));
        assertThat(PublicKeys.raw(Base64.getEncoder().encodeToString(new byte[31])))
                .isEmpty();
        assertThat(PublicKeys.raw(Base64.getEncoder().encodeToString(new byte[33])))
                .isEmpty();
        assertThat(PublicKeys.raw(key.substring(0, 43))).isEmpty();
        assertThat(PublicKeys.raw("!".repeat(44))).isEmpty();
        assertThat(PublicKeys.raw(Base64.getUrlEncoder()
                        .encodeToString(new byte[] {-1, -1, -1, -2})
                        .repeat(11)))
                .isEmpty();
        assertThat(PublicKeys.raw(null)).isEmpty();
    }

    @Test
    void the_id_is_hex_of_the_first_16_bytes_of_the_sha256() {
        String expected =
                HexFormat.of().formatHex(PublicKeys.sha256(X25519_KEY)).substring(0, 32);

        assertThat(PublicKeys.id(X25519_KEY)).isEqualTo(expected).hasSize(32);
    }

    @Test
    void x25519_keys_of_small_order_are_refused() {
        byte[] one = new byte[32];
        one[0] = 1;

        assertThat(PublicKeys.isUsableX25519(X25519_KEY)).isTrue();
        assertThat(PublicKeys.isUsableX25519(new byte[32])).isFalse();
        assertThat(PublicKeys.isUsableX25519(one)).isFalse();
    }

    @Test
    void ed25519_keys_must_be_points_of_the_curve() {
        byte[] key = new Ed25519PrivateKeyParameters(new byte[32])
                .generatePublicKey()
                .getEncoded();

        assertThat(PublicKeys.isValidEd25519(key)).isTrue();
        assertThat(PublicKeys.isValidEd25519(new byte[32])).isFalse();
    }
}
