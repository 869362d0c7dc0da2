package dev.ledgerloop.events.decision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The server's decision statement against the signed decision of docs/envelope-test-vectors.json, the vectors the
 * Java SDK and the browser inbox are tested with: the three compute the same bytes.
 */
class DecisionStatementVectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_server_computes_the_vectors_hashes_and_bytes_and_verifies_their_signature() throws Exception {
        JsonNode vector = JSON.readTree(Path.of("")
                        .toAbsolutePath()
                        .getParent()
                        .resolve("docs/envelope-test-vectors.json")
                        .toFile())
                .get("decision");
        EncryptedEnvelope content = JSON.treeToValue(vector.get("encryptedContent"), EncryptedEnvelope.class);
        EncryptedEnvelope components = JSON.treeToValue(vector.get("encryptedComponents"), EncryptedEnvelope.class);
        EncryptedEnvelope response = JSON.treeToValue(vector.get("encryptedResponse"), EncryptedEnvelope.class);

        String requestSha256 = DecisionStatement.requestSha256(content, components);
        String responseSha256 = DecisionStatement.responseSha256(response);
        byte[] signed = DecisionStatement.signedBytes(
                UUID.fromString(vector.get("sessionId").asText()),
                UUID.fromString(vector.get("messageId").asText()),
                requestSha256,
                responseSha256,
                vector.get("decision").asText());

        assertThat(requestSha256).isEqualTo(vector.get("requestSha256").asText());
        assertThat(DecisionStatement.requestSha256(content, null))
                .isEqualTo(vector.get("requestSha256WithoutComponents").asText());
        assertThat(responseSha256).isEqualTo(vector.get("responseSha256").asText());
        assertThat(new String(signed, StandardCharsets.UTF_8))
                .isEqualTo(vector.get("statementCanonical").asText());
        assertThat(DecisionStatement.verifies(
                        vector.get("signingPublicKey").asText(),
                        signed,
                        vector.get("signature").asText()))
                .isTrue();
    }
}
