package dev.ledgerloop.standalone.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerloop.sdk.crypto.DecisionStatement;
import dev.ledgerloop.sdk.crypto.Ed25519KeyPair;
import dev.ledgerloop.sdk.crypto.Envelope;
import dev.ledgerloop.sdk.crypto.EnvelopeCipher;
import dev.ledgerloop.sdk.crypto.EnvelopeRecipient;
import dev.ledgerloop.sdk.crypto.RandomBytes;
import dev.ledgerloop.sdk.crypto.X25519KeyPair;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import java.util.Base64;
import java.util.List;

/**
 * A human as the inbox would be: a Bearer token for the real HTTP API, an X25519 key to open what agents seal and
 * seal answers, and an Ed25519 key to sign decisions. Uses the SDK's crypto, which the vectors tie to the browser's.
 */
final class Human {
    private static final ObjectMapper JSON = new ObjectMapper();

    final String userId;
    final Api api;
    final X25519KeyPair key = X25519KeyPair.generate(RandomBytes.secure());
    final Ed25519KeyPair signingKey = Ed25519KeyPair.generate(RandomBytes.secure());

    Human(String userId, Api api) {
        this.userId = userId;
        this.api = api;
    }

    /** Registers the human's X25519 key and Ed25519 signing key ({@code PUT /v1/human/public-key}), as the inbox does. */
    Human registerKeys() throws Exception {
        api.put(
                        "/v1/human/public-key",
                        JSON.createObjectNode()
                                .put("publicKey", Base64.getEncoder().encodeToString(key.publicKey()))
                                .put("fingerprint", key.kid())
                                .put("signingPublicKey", Base64.getEncoder().encodeToString(signingKey.publicKey()))
                                .toString())
                .expect(200);
        return this;
    }

    EnvelopeRecipient recipient() {
        return EnvelopeRecipient.of(key.publicKey());
    }

    /** The session's timeline as this human reads it. */
    JsonNode timeline(String sessionId) throws Exception {
        return api.get("/v1/human/sessions/" + sessionId + "/timeline?limit=100")
                .expect(200)
                .body()
                .get("data");
    }

    /** The message item of the human's timeline. */
    JsonNode message(String sessionId, String messageId) throws Exception {
        for (JsonNode item : timeline(sessionId)) {
            if (item.path("id").asText().equals(messageId)) {
                return item;
            }
        }
        throw new AssertionError("No message " + messageId + " in the human's timeline");
    }

    /** Opens an envelope with the human's key, as JSON. */
    JsonNode open(JsonNode envelope) throws Exception {
        return JSON.readTree(EnvelopeCipher.openText(Envelope.fromJson(envelope), key));
    }

    /** Answers with {@code answer} sealed for {@code agentKey}; answers the API's answer. */
    Answer respond(String sessionId, String messageId, String answer, byte[] agentKey) throws Exception {
        return api.post(respondPath(sessionId, messageId), "{\"encryptedResponse\":" + seal(answer, agentKey) + "}");
    }

    /**
     * Answers as {@link #respond}, with a signature of {@code decision} over the message as this human reads it now
     * (docs/api.md §Signed decisions).
     */
    Answer respondSigned(String sessionId, String messageId, String answer, byte[] agentKey, String decision)
            throws Exception {
        JsonNode message = message(sessionId, messageId);
        JsonNode response = JSON.readTree(seal(answer, agentKey));
        DecisionStatement statement = DecisionStatement.of(
                sessionId,
                messageId,
                message.get("encryptedContent"),
                message.get("encryptedComponents"),
                response,
                decision);
        String body = JSON.createObjectNode()
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("encryptedResponse", response)
                .set(
                        "signature",
                        JSON.createObjectNode()
                                .put("alg", "Ed25519")
                                .put("decision", decision)
                                .put("value", statement.sign(signingKey)))
                .toString();
        return api.post(respondPath(sessionId, messageId), body);
    }

    private static String seal(String answer, byte[] agentKey) {
        return EnvelopeCipher.secure()
                .seal(answer, List.of(EnvelopeRecipient.of(agentKey)))
                .toJsonString();
    }

    private static String respondPath(String sessionId, String messageId) {
        return "/v1/human/sessions/" + sessionId + "/messages/" + messageId + "/respond";
    }
}
