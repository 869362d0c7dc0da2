package dev.ledgerloop.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A response's signature as the API shows it (docs/api.md §Signed decisions), checked with the test vectors' signed decision. */
class DecisionVerificationTest {
    private static final JsonNode VECTOR = read().get("decision");

    @Test
    void the_vectors_signature_verifies_against_the_message_and_the_answer() {
        DecisionSignature signature = DecisionVerification.verify(
                response(s -> {}), VECTOR.get("encryptedContent"), VECTOR.get("encryptedComponents"));

        assertThat(signature.keyId()).isEqualTo(VECTOR.get("signingKeyId").asText());
        assertThat(signature.decision()).isEqualTo("approve");
    }

    @Test
    void an_unsigned_response_has_no_signature() {
        ObjectNode unsigned = response(s -> {});
        unsigned.remove("signature");

        assertThat(DecisionVerification.verify(unsigned, VECTOR.get("encryptedContent"), null))
                .isNull();
    }

    @Test
    void any_mismatch_fails_loudly() {
        assertInvalid(response(s -> s.put("decision", "reject")), VECTOR.get("encryptedComponents"));
        assertInvalid(
                response(s -> s.put("keyId", "00000000000000000000000000000000")), VECTOR.get("encryptedComponents"));
        assertInvalid(response(s -> s.put("alg", "RS256")), VECTOR.get("encryptedComponents"));
        assertInvalid(response(s -> {}), null);
        assertInvalid(
                response(s -> s.put(
                        "value",
                        VECTOR.get("signature")
                                .asText()
                                .replaceFirst(
                                        "^.", VECTOR.get("signature").asText().startsWith("A") ? "B" : "A"))),
                VECTOR.get("encryptedComponents"));
        ObjectNode otherAnswer = response(s -> {});
        otherAnswer.set("encryptedResponse", VECTOR.get("encryptedContent"));
        assertInvalid(otherAnswer, VECTOR.get("encryptedComponents"));
    }

    private static void assertInvalid(JsonNode response, JsonNode components) {
        assertThatThrownBy(() -> DecisionVerification.verify(response, VECTOR.get("encryptedContent"), components))
                .isInstanceOfSatisfying(LedgerloopException.class, e -> assertThat(e.code())
                        .isEqualTo(LedgerloopException.SIGNATURE_INVALID));
    }

    private static ObjectNode response(Consumer<ObjectNode> changeSignature) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode signature = json.createObjectNode()
                .put("alg", "Ed25519")
                .put("keyId", VECTOR.get("signingKeyId").asText())
                .put("publicKey", VECTOR.get("signingPublicKey").asText())
                .put("decision", VECTOR.get("decision").asText())
                .put("requestSha256", VECTOR.get("requestSha256").asText())
                .put("responseSha256", VECTOR.get("responseSha256").asText())
                .put("value", VECTOR.get("signature").asText());
        changeSignature.accept(signature);
        ObjectNode response = json.createObjectNode()
                .put("kind", "response")
                .put("id", "5d0c8a5e-0000-4000-8000-000000000001")
                .put("sessionId", VECTOR.get("sessionId").asText())
                .put("messageId", VECTOR.get("messageId").asText())
                .put("userId", "alice")
                .put("createdAt", "2026-12-01T10:00:00.000Z");
        response.set("encryptedResponse", VECTOR.get("encryptedResponse"));
        response.set("signature", signature);
        return response;
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper()
                    .readTree(Path.of("")
                            .toAbsolutePath()
                            .getParent()
                            .resolve("docs/envelope-test-vectors.json")
                            .toFile());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
