package dev.ledgerloop.standalone.keys;

import static dev.ledgerloop.standalone.fixture.Envelopes.envelope;
import static dev.ledgerloop.standalone.fixture.Waits.forTheViews;
import static dev.ledgerloop.standalone.fixture.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import com.eventstore.dbclient.RecordedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerloop.events.envelope.EnvelopeParser;
import dev.ledgerloop.events.evidence.BundleVerifier;
import dev.ledgerloop.events.evidence.EvidenceBundle;
import dev.ledgerloop.events.session.DecisionSignature;
import dev.ledgerloop.events.session.ResponseSubmitted;
import dev.ledgerloop.eventstore.EventStoreDbStorageEngine;
import dev.ledgerloop.jcs.Jcs;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.events.EventContext;
import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.EventLog;
import dev.ledgerloop.standalone.fixture.Json;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key registration and signed decisions (docs/api.md §Keys, §Signed decisions) through the gateway of the standalone
 * system. The keys are made with the JDK, and the test builds the signed bytes itself from docs/api.md: RFC 8785 JSON
 * of the statement, with the SHA-256 of the question as it stood when answered and of the answer.
 */
class KeysAndSignedDecisionsEndToEndTest {
    @TempDir
    static Path data;

    private static LedgerloopSystem system;
    private static Api owner;

    @BeforeAll
    static void start() throws Exception {
        system = LedgerloopSystem.start(data, 0);
        owner = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce());
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void an_agent_registers_its_key_and_reads_it_back() throws Exception {
        Api agent = owner.withHeader("X-Hiloop", "key-bot");
        agent.get("/v1/agent/sessions").expect(200);
        assertThat(agent.get("/v1/agent/public-key").status()).isEqualTo(404);
        byte[] key = x25519();

        JsonNode registered = agent.put("/v1/agent/public-key", keyBody(key, fingerprint(key)))
                .expect(200)
                .body();

        assertThat(Json.fieldNames(registered))
                .containsExactlyInAnyOrder("agentId", "publicKey", "fingerprint", "registeredAt");
        assertThat(registered.get("publicKey").asText()).isEqualTo(base64(key));
        assertThat(registered.get("fingerprint").asText()).isEqualTo(fingerprint(key));
        forTheViews().untilAsserted(() -> assertThat(
                        agent.get("/v1/agent/public-key").expect(200).body())
                .isEqualTo(registered));
        // The same key again is no change: no second event.
        int events = EventLog.stream(
                        system, "agent-" + registered.get("agentId").asText())
                .size();
        agent.put("/v1/agent/public-key", keyBody(key, null)).expect(200);
        assertThat(EventLog.stream(system, "agent-" + registered.get("agentId").asText()))
                .hasSize(events);
    }

    @Test
    void malformed_keys_and_wrong_fingerprints_answer_400_and_store_nothing() throws Exception {
        Api agent = owner.withHeader("X-Hiloop", "careless-bot");
        String agentStream = "agent-" + agent.agentId();
        byte[] key = x25519();
        int before = EventLog.stream(system, agentStream).size();

        assertInvalid(agent.put("/v1/agent/public-key", "{\"publicKey\":\"not base64!\"}"), "publicKey");
        assertInvalid(
                agent.put("/v1/agent/public-key", "{\"publicKey\":\"" + base64(new byte[31]) + "\"}"), "publicKey");
        assertInvalid(
                agent.put("/v1/agent/public-key", "{\"publicKey\":\"" + base64(new byte[33]) + "\"}"), "publicKey");
        assertInvalid(
                agent.put("/v1/agent/public-key", "{\"publicKey\":\"" + base64(new byte[32]) + "\"}"), "publicKey");
        assertInvalid(agent.put("/v1/agent/public-key", "{\"publicKey\":42}"), "publicKey");
        assertInvalid(agent.put("/v1/agent/public-key", "{}"), "publicKey");
        assertInvalid(agent.put("/v1/agent/public-key", keyBody(key, "00".repeat(16))), "fingerprint");
        Api alice = human("alice");
        assertInvalid(alice.put("/v1/human/public-key", keyBody(key, "ab")), "fingerprint");
        assertInvalid(
                alice.put(
                        "/v1/human/public-key",
                        "{\"publicKey\":\"" + base64(key) + "\",\"signingPublicKey\":\"" + base64(new byte[16])
                                + "\"}"),
                "signingPublicKey");
        assertInvalid(owner.put("/v1/admin/encryption", "{\"publicKey\":\"AAAA\"}"), "publicKey");

        assertThat(EventLog.stream(system, agentStream)).hasSize(before);
        assertThat(alice.get("/v1/human/public-key").status()).isEqualTo(404);
    }

    @Test
    void a_human_registers_keys_with_a_signing_key_and_the_owner_sets_the_space_key() throws Exception {
        Api erin = human("erin");
        assertThat(erin.get("/v1/human/public-key").status()).isEqualTo(404);
        byte[] key = x25519();
        KeyPair signing = ed25519();

        JsonNode registered = erin.put("/v1/human/public-key", humanKeyBody(key, signing))
                .expect(200)
                .body();

        assertThat(Json.fieldNames(registered))
                .containsExactlyInAnyOrder(
                        "userId", "publicKey", "fingerprint", "signingPublicKey", "signingKeyId", "registeredAt");
        assertThat(registered.get("userId").asText()).isEqualTo("erin");
        assertThat(registered.get("signingPublicKey").asText()).isEqualTo(base64(raw(signing)));
        assertThat(registered.get("signingKeyId").asText()).isEqualTo(fingerprint(raw(signing)));
        forTheViews().untilAsserted(() -> assertThat(
                        erin.get("/v1/human/public-key").expect(200).body())
                .isEqualTo(registered));

        byte[] spaceKey = x25519();
        JsonNode set = owner.put("/v1/admin/encryption", "{\"publicKey\":\"" + base64(spaceKey) + "\"}")
                .expect(200)
                .body();
        assertThat(set.get("keyId").asText()).isEqualTo(fingerprint(spaceKey));
        assertThat(human("erin")
                        .put("/v1/admin/encryption", "{\"publicKey\":\"" + base64(spaceKey) + "\"}")
                        .status())
                .isEqualTo(403);
        forTheViews().untilAsserted(() -> assertThat(
                        owner.get("/v1/agent/encryption").expect(200).body())
                .isEqualTo(Json.read(
                        "{\"keyId\":\"" + fingerprint(spaceKey) + "\",\"publicKey\":\"" + base64(spaceKey) + "\"}")));
    }

    @Test
    void recipients_are_the_agent_every_participant_guests_too_and_the_space_key() throws Exception {
        Api agent = owner.withHeader("X-Hiloop", "recipient-bot");
        byte[] agentKey = x25519();
        JsonNode agentRegistered = agent.put("/v1/agent/public-key", keyBody(agentKey, null))
                .expect(200)
                .body();
        byte[] spaceKey = x25519();
        owner.put("/v1/admin/encryption", "{\"publicKey\":\"" + base64(spaceKey) + "\"}")
                .expect(200);
        byte[] gailKey = x25519();
        human("gail").put("/v1/human/public-key", keyBody(gailKey, null)).expect(200);
        String session = agent.openSession();
        String path = "/v1/agent/sessions/" + session;
        agent.post(path + "/participants", "{\"userId\":\"gail\",\"role\":\"member\"}")
                .expect(201);
        agent.post(path + "/participants", "{\"userId\":\"hank\",\"role\":\"viewer\"}")
                .expect(201);
        String token = agent.post(path + "/guest-tokens", "{}")
                .expect(201)
                .body()
                .get("token")
                .asText();
        human("ivy")
                .post("/v1/human/sessions/" + session + "/join", "{\"token\":\"" + token + "\"}")
                .expect(201);

        forTheViews().untilAsserted(() -> {
            JsonNode items = agent.get(path + "/recipients").expect(200).body().get("items");
            assertThat(items).hasSize(5);
            assertThat(items.get(0))
                    .isEqualTo(recipient(
                            "agent",
                            agentRegistered.get("agentId").asText(),
                            null,
                            fingerprint(agentKey),
                            base64(agentKey)));
            assertThat(items)
                    .contains(
                            recipient("human", "gail", "member", fingerprint(gailKey), base64(gailKey)),
                            recipient("human", "hank", "viewer", null, null),
                            recipient("human", "ivy", "guest", null, null),
                            recipient(
                                    "space",
                                    system.secrets().spaceId().toString(),
                                    null,
                                    fingerprint(spaceKey),
                                    base64(spaceKey)));
            assertThat(human("ivy")
                            .get("/v1/human/sessions/" + session + "/recipients")
                            .expect(200)
                            .body())
                    .isEqualTo(agent.get(path + "/recipients").body());
        });
        assertThat(human("jack")
                        .get("/v1/human/sessions/" + session + "/recipients")
                        .status())
                .isEqualTo(404);
        assertThat(owner.withHeader("X-Hiloop", "other-bot")
                        .get(path + "/recipients")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void a_signed_answer_over_the_edited_question_is_stored_shown_and_verified() throws Exception {
        KeyPair signing = ed25519();
        human("kim")
                .put("/v1/human/public-key", humanKeyBody(x25519(), signing))
                .expect(200);
        String session = owner.openSession();
        String path = "/v1/agent/sessions/" + session;
        owner.post(path + "/participants", "{\"userId\":\"kim\",\"role\":\"member\"}")
                .expect(201);
        String asked = envelope();
        String question = owner.post(
                        path + "/messages", "{\"encryptedContent\":" + asked + ",\"responseRequired\":true}")
                .expect(201)
                .id();
        String edited = envelope();
        String components = envelope();
        owner.patch(
                        path + "/messages/" + question,
                        "{\"encryptedContent\":" + edited + ",\"encryptedComponents\":" + components + "}")
                .expect(200);
        String respond = "/v1/human/sessions/" + session + "/messages/" + question + "/respond";
        String answer = envelope();
        int storedBefore = EventLog.stream(system, "session-" + session).size();

        // Signed over the question as first asked: the message changed since, so it does not verify.
        Answer stale = human("kim").post(respond, signedAnswer(session, question, asked, null, answer, signing));
        assertInvalid(stale, "signature");
        assertThat(stale.body().at("/error/message").asText()).isEqualTo("Field 'signature' does not verify");
        // Signed by another key than the one registered.
        assertInvalid(
                human("kim").post(respond, signedAnswer(session, question, edited, components, answer, ed25519())),
                "signature");
        String good = signedAnswer(session, question, edited, components, answer, signing);
        for (String[] malformed : List.of(
                new String[] {"\"alg\":\"Ed25519\"", "\"alg\":\"RSA\"", "signature.alg"},
                new String[] {"\"decision\":\"approve\"", "\"decision\":\"\"", "signature.decision"},
                new String[] {
                    "\"decision\":\"approve\"", "\"decision\":\"" + "x".repeat(101) + "\"", "signature.decision"
                },
                new String[] {"\"value\":\"", "\"value\":\"AAAA", "signature.value"})) {
            Answer refused = human("kim").post(respond, good.replace(malformed[0], malformed[1]));
            assertInvalid(refused, malformed[2]);
        }
        assertThat(EventLog.stream(system, "session-" + session)).hasSize(storedBefore);
        // Still waiting for kim's answer: nothing was stored.
        forTheViews().untilAsserted(() -> assertThat(
                        Json.ids(human("kim").get("/v1/human/feed").body().get("data")))
                .contains(question));

        JsonNode response = human("kim")
                .post(respond, signedAnswer(session, question, edited, components, answer, signing))
                .expect(201)
                .body();

        JsonNode signature = response.get("signature");
        assertThat(Json.fieldNames(signature))
                .containsExactlyInAnyOrder(
                        "alg", "keyId", "publicKey", "decision", "requestSha256", "responseSha256", "value");
        assertThat(signature.get("keyId").asText()).isEqualTo(fingerprint(raw(signing)));
        assertThat(signature.get("requestSha256").asText()).isEqualTo(requestSha256(edited, components));
        assertThat(signature.get("decision").asText()).isEqualTo("approve");
        forTheViews().untilAsserted(() -> {
            JsonNode items = owner.get(path + "/timeline").expect(200).body().get("data");
            assertThat(Json.item(items, response.get("id").asText()).get("signature"))
                    .isEqualTo(signature);
        });
        assertThat(owner.get(path + "/await?timeoutMs=0").expect(200).body().get("signature"))
                .isEqualTo(signature);

        JsonNode verified = patiently()
                .until(() -> owner.get("/v1/admin/sessions/" + session + "/verify"), got -> got.status() == 200)
                .body();
        assertThat(verified.get("ok").asBoolean()).as("%s", verified).isTrue();
        assertThat(verified.get("signedDecisions").asInt()).isEqualTo(1);
        patiently().untilAsserted(() -> assertThat(owner.get("/v1/admin/sessions/" + session + "/verify")
                        .body()
                        .get("eventsAfterCheckpoint")
                        .asInt())
                .isZero());
        BundleVerifier.Outcome offline = new BundleVerifier()
                .verify(
                        EvidenceBundle.read(owner.get("/v1/admin/sessions/" + session + "/export")
                                .expect(200)
                                .bytes()),
                        owner.get("/v1/admin/log/verifier-key").expect(200).text(),
                        null);
        assertThat(offline.ok()).as(offline.summary()).isTrue();
        assertThat(offline.summary()).contains("1 decision signature(s) verify");
    }

    @Test
    void a_stored_signature_that_does_not_verify_is_reported_by_the_verify_endpoint_and_the_offline_verifier()
            throws Exception {
        KeyPair signing = ed25519();
        String session = owner.openSession();
        String path = "/v1/agent/sessions/" + session;
        owner.post(path + "/participants", "{\"userId\":\"nora\"}").expect(201);
        String asked = envelope();
        String question = owner.post(
                        path + "/messages", "{\"encryptedContent\":" + asked + ",\"responseRequired\":true}")
                .expect(201)
                .id();
        // An answer written around the command side, whose signature covers another decision than the one it names:
        // what a rewritten record would look like.
        String answer = envelope();
        JsonNode claim = Json.read(signedAnswer(session, question, asked, null, answer, signing))
                .get("signature");
        String publicKey = base64(raw(signing));
        ResponseSubmitted forged = new ResponseSubmitted(
                UUID.fromString(session),
                UUID.fromString(question),
                UUID.randomUUID(),
                "nora",
                new EnvelopeParser(1 << 18).parse("encryptedResponse", Json.read(answer)),
                new DecisionSignature(
                        "Ed25519",
                        fingerprint(raw(signing)),
                        publicKey,
                        "reject",
                        requestSha256(asked, null),
                        sha256Hex(Jcs.write(Json.read(answer))),
                        claim.get("value").asText()));
        List<RecordedEvent> stored = EventLog.stream(system, "session-" + session);
        system.backendContexts()
                .get(0)
                .getBean(EventStoreDbStorageEngine.class)
                .appendEvents(List.of(new GenericDomainEventMessage<>(
                        "Session",
                        session,
                        stored.get(stored.size() - 1).getRevision() + 1,
                        forged,
                        EventContext.of(Principal.human(system.secrets().spaceId(), "nora")))));

        JsonNode verified = patiently()
                .until(() -> owner.get("/v1/admin/sessions/" + session + "/verify"), got -> got.status() == 200)
                .body();
        assertThat(verified.get("ok").asBoolean()).as("%s", verified).isFalse();
        assertThat(verified.at("/brokenLink/check").asText()).isEqualTo("signature");
        assertThat(verified.at("/brokenLink/reason").asText()).isEqualTo("SIGNATURE_INVALID");
        assertThat(verified.at("/brokenLink/messageId").asText()).isEqualTo(question);
        assertThat(verified.get("signatureFailures")).hasSize(1);
        BundleVerifier.Outcome offline = new BundleVerifier()
                .verify(
                        EvidenceBundle.read(owner.get("/v1/admin/sessions/" + session + "/export")
                                .expect(200)
                                .bytes()),
                        owner.get("/v1/admin/log/verifier-key").expect(200).text(),
                        null);
        assertThat(offline.ok()).isFalse();
        assertThat(offline.summary()).contains("the decision signature on message " + question + " does not verify");
    }

    @Test
    void signatures_are_optional_unless_the_session_or_the_space_requires_them() throws Exception {
        KeyPair signing = ed25519();
        human("lou")
                .put("/v1/human/public-key", humanKeyBody(x25519(), signing))
                .expect(200);
        human("max").put("/v1/human/public-key", keyBody(x25519(), null)).expect(200);

        Question plain = sessionWith("lou", "max", "{}");
        answer(plain, "max", "{\"encryptedResponse\":" + envelope() + "}").expect(201);

        Question strict = sessionWith("lou", "max", "{\"requireSignedAnswers\":true}");
        assertInvalid(answer(strict, "lou", "{\"encryptedResponse\":" + envelope() + "}"), "signature");
        // Max registered no signing key: his signature cannot be checked.
        String answer = envelope();
        assertInvalid(
                answer(strict, "max", signedAnswer(strict.session, strict.id, strict.content, null, answer, signing)),
                "signature");
        answer(strict, "lou", signedAnswer(strict.session, strict.id, strict.content, null, answer, signing))
                .expect(201);

        owner.put("/v1/admin/settings", "{\"requireSignedAnswers\":true}").expect(200);
        try {
            JsonNode byDefault =
                    owner.post("/v1/agent/sessions", "{}").expect(201).body();
            assertThat(byDefault.get("requireSignedAnswers").asBoolean()).isTrue();
            JsonNode optedOut = owner.post("/v1/agent/sessions", "{\"requireSignedAnswers\":false}")
                    .expect(201)
                    .body();
            assertThat(optedOut.get("requireSignedAnswers").asBoolean()).isFalse();
            assertThat(human("lou")
                            .put("/v1/admin/settings", "{\"requireSignedAnswers\":false}")
                            .status())
                    .isEqualTo(403);
            assertInvalid(owner.put("/v1/admin/settings", "{}"), "requireSignedAnswers");
        } finally {
            owner.put("/v1/admin/settings", "{\"requireSignedAnswers\":false}").expect(200);
        }
        assertThat(owner.post("/v1/agent/sessions", "{}")
                        .expect(201)
                        .body()
                        .get("requireSignedAnswers")
                        .asBoolean())
                .isFalse();
    }

    private record Question(String session, String id, String content) {}

    /** A session with both humans as members and a question. */
    private static Question sessionWith(String first, String second, String body) throws Exception {
        String session = owner.post("/v1/agent/sessions", body).expect(201).id();
        String path = "/v1/agent/sessions/" + session;
        owner.post(path + "/participants", "{\"userId\":\"" + first + "\"}").expect(201);
        owner.post(path + "/participants", "{\"userId\":\"" + second + "\"}").expect(201);
        String content = envelope();
        String question = owner.post(
                        path + "/messages", "{\"encryptedContent\":" + content + ",\"responseRequired\":true}")
                .expect(201)
                .id();
        return new Question(session, question, content);
    }

    private static Answer answer(Question question, String user, String body) throws Exception {
        return human(user)
                .post("/v1/human/sessions/" + question.session + "/messages/" + question.id + "/respond", body);
    }

    private static String signedAnswer(
            String session, String question, String content, String components, String answer, KeyPair signing)
            throws Exception {
        ObjectNode statement = Json.MAPPER
                .createObjectNode()
                .put("v", 1)
                .put("type", "ledgerloop.decision")
                .put("sessionId", session)
                .put("messageId", question)
                .put("requestSha256", requestSha256(content, components))
                .put("responseSha256", sha256Hex(Jcs.write(Json.read(answer))))
                .put("decision", "approve");
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(signing.getPrivate());
        signer.update(Jcs.write(statement));
        return "{\"encryptedResponse\":" + answer + ",\"signature\":{\"alg\":\"Ed25519\",\"decision\":\"approve\","
                + "\"value\":\"" + base64(signer.sign()) + "\"}}";
    }

    private static String requestSha256(String content, String components) throws Exception {
        ObjectNode request = Json.MAPPER.createObjectNode();
        request.set("encryptedContent", Json.read(content));
        request.set("encryptedComponents", components == null ? Json.MAPPER.nullNode() : Json.read(components));
        return sha256Hex(Jcs.write(request));
    }

    private static JsonNode recipient(String kind, String id, String role, String kid, String publicKey) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("kind", kind).put("id", id);
        node.put("role", role).put("kid", kid).put("publicKey", publicKey);
        return node;
    }

    private static void assertInvalid(Answer answer, String field) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(400);
        assertThat(answer.body().at("/error/code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(answer.body().at("/error/message").asText()).startsWith("Field '" + field + "'");
    }

    private static Api human(String user) {
        return Api.gateway(system).withToken(system.mintHumanToken(user));
    }

    private static String keyBody(byte[] key, String fingerprint) {
        return "{\"publicKey\":\"" + base64(key) + "\""
                + (fingerprint == null ? "" : ",\"fingerprint\":\"" + fingerprint + "\"") + "}";
    }

    private static String humanKeyBody(byte[] key, KeyPair signing) throws Exception {
        return "{\"publicKey\":\"" + base64(key) + "\",\"signingPublicKey\":\"" + base64(raw(signing)) + "\"}";
    }

    private static byte[] x25519() throws Exception {
        return lastBytes(KeyPairGenerator.getInstance("X25519")
                .generateKeyPair()
                .getPublic()
                .getEncoded());
    }

    private static KeyPair ed25519() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    /** The raw 32-byte public key: the end of its X.509 encoding. */
    private static byte[] raw(KeyPair pair) {
        return lastBytes(pair.getPublic().getEncoded());
    }

    private static byte[] lastBytes(byte[] encoded) {
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    private static String fingerprint(byte[] key) throws Exception {
        return sha256Hex(key).substring(0, 32);
    }

    private static String sha256Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
