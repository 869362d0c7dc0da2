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
    void everyRecipientOpensWhatIsSealedForThem() {
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
    void someoneElseCannotOpenIt() {
        Envelope envelope = EnvelopeCipher.secure().seal("secret", List.of(EnvelopeRecipient.of(agent.publicKey())));

        assertThatThrownBy(() -> EnvelopeCipher.open(envelope, human)).isInstanceOf(CannotDecryptException.class);
    }

    @Test
    void sealingTwiceGivesDifferentEnvelopes() {
        List<EnvelopeRecipient> to = List.of(EnvelopeRecipient.of(agent.publicKey()));

        assertThat(EnvelopeCipher.secure().seal("same", to))
                .isNotEqualTo(EnvelopeCipher.secure().seal("same", to));
    }

    @Test
    void anEnvelopeReadsBackFromItsJsonAndFromAStringHoldingIt() {
        Envelope envelope = EnvelopeCipher.secure().seal("x", List.of(EnvelopeRecipient.of(agent.publicKey())));

        assertThat(Envelope.fromJson(envelope.toJsonString())).isEqualTo(envelope);
        assertThat(Envelope.fromJson(com.fasterxml.jackson.databind.node.TextNode.valueOf(envelope.toJsonString())))
                .isEqualTo(envelope);
    }

    @Test
    void somethingThatIsNotAnEnvelopeCannotBeDecrypted() {
        assertThatThrownBy(() -> Envelope.fromJson("{\"v\":2}")).isInstanceOf(CannotDecryptException.class);
        assertThatThrownBy(() -> Envelope.fromJson("not json")).isInstanceOf(CannotDecryptException.class);
    }

    @Test
    void aLowOrderRecipientKeyIsRefusedWhenSealing() {
        assertThatThrownBy(() -> EnvelopeCipher.secure().seal("x", List.of(EnvelopeRecipient.of(new byte[32]))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyPairsNeverPrintTheirKeys() {
        assertThat(agent.toString()).isEqualTo("X25519KeyPair[kid=" + agent.kid() + "]");
    }
}
