package dev.ledgerloop.sdk.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SDK against docs/envelope-test-vectors.json, the file the browser's tests read too. */
class EnvelopeTestVectorsTest {
    private static final JsonNode VECTORS = read();

    @Test
    void sealing_with_the_vectors_random_bytes_gives_the_vectors_envelopes() {
        for (JsonNode vector : VECTORS.get("envelopes")) {
            List<byte[]> random = new ArrayList<>();
            JsonNode bytes = vector.get("random");
            random.add(b64(bytes.get("contentKey")));
            random.add(b64(bytes.get("contentNonce")));
            List<EnvelopeRecipient> recipients = new ArrayList<>();
            for (int i = 0; i < vector.get("recipients").size(); i++) {
                JsonNode recipient = vector.get("recipients").get(i);
                recipients.add(new EnvelopeRecipient(recipient.get("kid").asText(), b64(recipient.get("publicKey"))));
                random.add(b64(bytes.get("perRecipient").get(i).get("ephemeralPrivateKey")));
                random.add(b64(bytes.get("perRecipient").get(i).get("wrapNonce")));
            }
            FixedRandomBytes fixed = new FixedRandomBytes(random);

            Envelope sealed = EnvelopeCipher.withRandom(fixed)
                    .seal(vector.get("plaintext").asText(), recipients);

            assertThat(sealed.toJson()).as(vector.get("name").asText()).isEqualTo(vector.get("envelope"));
            assertThat(fixed.usedUp()).isTrue();
        }
    }

    @Test
    void every_recipient_opens_the_vectors_envelopes() {
        for (JsonNode vector : VECTORS.get("envelopes")) {
            Envelope envelope = Envelope.fromJson(vector.get("envelope"));
            for (JsonNode recipient : vector.get("recipients")) {
                X25519KeyPair key = X25519KeyPair.fromPrivateKey(b64(recipient.get("privateKey")));
                assertThat(key.kid()).isEqualTo(recipient.get("kid").asText());
                assertThat(key.publicKey()).isEqualTo(b64(recipient.get("publicKey")));

                assertThat(EnvelopeCipher.openText(envelope, key))
                        .as(vector.get("name").asText())
                        .isEqualTo(vector.get("plaintext").asText());
            }
        }
    }

    @Test
    void tampered_envelopes_cannot_be_opened() {
        for (JsonNode vector : VECTORS.get("tampered")) {
            Envelope envelope = Envelope.fromJson(vector.get("envelope"));
            X25519KeyPair key = X25519KeyPair.fromPrivateKey(b64(vector.get("recipientPrivateKey")));
            if (vector.get("expect").asText().equals("opens")) {
                assertThat(EnvelopeCipher.openText(envelope, key))
                        .isEqualTo(vector.get("plaintext").asText());
            } else {
                assertThatThrownBy(() -> EnvelopeCipher.open(envelope, key))
                        .as(vector.get("name").asText())
                        .isInstanceOf(CannotDecryptException.class)
                        .hasMessage("cannot decrypt");
            }
        }
        assertThat(VECTORS.get("tampered")).hasSizeGreaterThan(3);
    }

    @Test
    void agent_keys_derive_from_the_api_key_and_name() {
        for (JsonNode vector : VECTORS.get("agentKeys")) {
            String name = vector.get("agentName").isNull()
                    ? null
                    : vector.get("agentName").asText();

            X25519KeyPair key =
                    X25519KeyPair.deriveAgentKey(vector.get("apiKey").asText(), name);

            assertThat(key.privateKey()).isEqualTo(b64(vector.get("privateKey")));
            assertThat(key.publicKey()).isEqualTo(b64(vector.get("publicKey")));
            assertThat(key.kid()).isEqualTo(vector.get("kid").asText());
        }
    }

    @Test
    void decision_statement_has_the_vectors_canonical_bytes_hashes_and_signature() {
        JsonNode vector = VECTORS.get("decision");
        DecisionStatement statement = DecisionStatement.of(
                vector.get("sessionId").asText(),
                vector.get("messageId").asText(),
                vector.get("encryptedContent"),
                vector.get("encryptedComponents"),
                vector.get("encryptedResponse"),
                vector.get("decision").asText());
        Ed25519KeyPair signer = Ed25519KeyPair.fromSeed(b64(vector.get("signingPrivateKeySeed")));

        assertThat(statement.requestSha256())
                .isEqualTo(vector.get("requestSha256").asText());
        assertThat(KeyIds.sha256Hex(vector.get("requestCanonical").asText().getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(statement.requestSha256());
        assertThat(statement.responseSha256())
                .isEqualTo(vector.get("responseSha256").asText());
        assertThat(KeyIds.sha256Hex(vector.get("responseCanonical").asText().getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(statement.responseSha256());
        assertThat(DecisionStatement.requestSha256(vector.get("encryptedContent"), null))
                .isEqualTo(vector.get("requestSha256WithoutComponents").asText());
        assertThat(new String(statement.signingBytes(), StandardCharsets.UTF_8))
                .isEqualTo(vector.get("statementCanonical").asText());
        assertThat(signer.publicKey()).isEqualTo(b64(vector.get("signingPublicKey")));
        assertThat(signer.keyId()).isEqualTo(vector.get("signingKeyId").asText());
        assertThat(statement.sign(signer)).isEqualTo(vector.get("signature").asText());
        assertThat(statement.verify(signer.publicKey(), vector.get("signature").asText()))
                .isTrue();
    }

    @Test
    void a_signature_of_another_decision_does_not_verify() {
        JsonNode vector = VECTORS.get("decision");
        DecisionStatement rejected = new DecisionStatement(
                vector.get("sessionId").asText(),
                vector.get("messageId").asText(),
                vector.get("requestSha256").asText(),
                vector.get("responseSha256").asText(),
                "reject");

        assertThat(rejected.verify(
                        b64(vector.get("signingPublicKey")),
                        vector.get("signature").asText()))
                .isFalse();
    }

    private static byte[] b64(JsonNode node) {
        return Base64.getDecoder().decode(node.asText());
    }

    private static JsonNode read() {
        Path file = Path.of("").toAbsolutePath().getParent().resolve("docs/envelope-test-vectors.json");
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }
}
