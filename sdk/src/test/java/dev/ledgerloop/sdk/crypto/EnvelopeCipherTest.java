package dev.ledgerloop.sdk.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvelopeCipherTest {
    private final RandomBytes random = RandomBytes.secure();
    private final X25519KeyPair agent = X25519KeyPair.generate(random);
    private final X25519KeyPair human = X25519KeyPair.generate(random);

    @Test
    void every_recipient_opens_what_is_sealed_for_them() {
        Envelope envelope = EnvelopeCipher.secure()
                .seal(
                        "{\"text\":\"hi\"}",
                        List.of(EnvelopeRecipient.of(agent.publicKey()), EnvelopeRecipient.of(human.publicKey())));

        assertThat(EnvelopeCipher.openText(envelope, agent)).isEqualTo("{\"text\":\"hi\"}");
        assertThat(EnvelopeCipher.openText(envelope, human)).isEqualTo("{\"text\":\"hi\"}");
        assertThat(Base64.getDecoder().decode(envelope.wrappings().get(0).wrappedKey()))
                .hasSize(60);
        assertThat(Base64.getDecoder().decode(envelope.wrappings().get(0).epk()))
                .hasSize(32);
    }

    @Test
    void someone_else_cannot_open_it() {
        Envelope envelope = EnvelopeCipher.secure().seal("secret", List.of(EnvelopeRecipient.of(agent.publicKey())));

        assertThatThrownBy(() -> EnvelopeCipher.open(envelope, human)).isInstanceOf(CannotDecryptException.class);
    }

    @Test
    void sealing_twice_gives_different_envelopes() {
        List<EnvelopeRecipient> to = List.of(EnvelopeRecipient.of(agent.publicKey()));

        assertThat(EnvelopeCipher.secure().seal("same", to))
                .isNotEqualTo(EnvelopeCipher.secure().seal("same", to));
    }

    @Test
    void an_envelope_reads_back_from_its_json_and_from_a_string_holding_it() {
        Envelope envelope = EnvelopeCipher.secure().seal("x", List.of(EnvelopeRecipient.of(agent.publicKey())));

        assertThat(Envelope.fromJson(envelope.toJsonString())).isEqualTo(envelope);
        assertThat(Envelope.fromJson(com.fasterxml.jackson.databind.node.TextNode.valueOf(envelope.toJsonString())))
                .isEqualTo(envelope);
    }

    @Test
    void something_that_is_not_an_envelope_cannot_be_decrypted() {
        assertThatThrownBy(() -> Envelope.fromJson("{\"v\":2}")).isInstanceOf(CannotDecryptException.class);
        assertThatThrownBy(() -> Envelope.fromJson("not json")).isInstanceOf(CannotDecryptException.class);
    }

    @Test
    void a_low_order_recipient_key_is_refused_when_sealing() {
        assertThatThrownBy(() -> EnvelopeCipher.secure().seal("x", List.of(EnvelopeRecipient.of(new byte[32]))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void key_pairs_never_print_their_keys() {
        assertThat(agent.toString()).isEqualTo("X25519KeyPair[kid=" + agent.kid() + "]");
    }
}
