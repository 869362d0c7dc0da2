package dev.ledgerloop.standalone;

import static dev.ledgerloop.standalone.fixture.Envelopes.envelope;
import static dev.ledgerloop.standalone.fixture.Waits.forTheViews;
import static dev.ledgerloop.standalone.fixture.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.Backends;
import dev.ledgerloop.standalone.fixture.EventLog;
import dev.ledgerloop.standalone.fixture.Json;
import dev.ledgerloop.standalone.fixture.ViewRebuilds;
import dev.ledgerloop.standalone.webhook.WebhookReceiver;
import dev.ledgerloop.standalone.webhook.Webhooks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crypto-shredding through the gateway (docs/api.md §Shredding): a session with messages, an answer, an attachment and
 * a webhook endpoint is shredded; every view, the history and the webhook bodies show it erased, the proofs still
 * verify, and neither a restart, a restored key document, a rebuild of the views nor a crash half-way brings the
 * content back.
 */
class ShreddingEndToEndTest {
    private static final String[] RETRY_EVERY_SECOND = {
        "--ledgerloop.webhooks.retry-schedule=0s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s",
        "--ledgerloop.webhooks.jitter=0"
    };

    @TempDir
    Path data;

    @Test
    void a_shredded_session_is_erased_everywhere_and_stays_erased_while_its_proofs_still_verify() throws Exception {
        String key;
        String session;
        List<String> secrets = new ArrayList<>();
        Document oldKey;
        String attachmentId;
        String timelinePath;
        JsonNode erasedTimeline;
        try (WebhookReceiver receiver = new WebhookReceiver();
                LedgerloopSystem system = LedgerloopSystem.start(data, 0, RETRY_EVERY_SECOND)) {
            key = system.secrets().bootstrapKeyOnce();
            Api owner = Api.gateway(system).withKey(key);
            session = owner.openSession();
            String path = "/v1/agent/sessions/" + session;
            timelinePath = path + "/timeline?pageSize=100";
            // The session view follows the write asynchronously.
            forTheViews().until(() -> owner.get(path).status() == 200);
            String agentId = owner.get(path).expect(200).body().get("agentId").asText();
            AtomicBoolean receiverUp = new AtomicBoolean(false);
            String hook = receiver.url("/hook", n -> receiverUp.get() ? 200 : 503);
            owner.post("/v1/admin/webhooks", Webhooks.endpoint(hook, agentId, null))
                    .expect(201);

            owner.post(path + "/participants", "{\"userId\":\"alice\",\"role\":\"member\"}")
                    .expect(201);
            String question = envelope();
            String note = envelope();
            String answer = envelope();
            secrets.addAll(List.of(ciphertextOf(question), ciphertextOf(note), ciphertextOf(answer)));
            String questionId = owner.post(
                            path + "/messages", "{\"encryptedContent\":" + question + ",\"responseRequired\":true}")
                    .expect(201)
                    .id();
            owner.post(path + "/messages", "{\"encryptedContent\":" + note + "}")
                    .expect(201);
            Api alice = Api.gateway(system).withToken(system.mintHumanToken("alice"));
            alice.post(
                            "/v1/human/sessions/" + session + "/messages/" + questionId + "/respond",
                            "{\"encryptedResponse\":" + answer + "}")
                    .expect(201);
            attachmentId = owner.upload(
                            path + "/attachments",
                            "secret-plan-name.bin",
                            "secret-plan-name".getBytes(StandardCharsets.UTF_8))
                    .expect(201)
                    .id();
            secrets.add("secret-plan-name");
            // The deliveries of the messages are pending (the receiver fails them) when the session is shredded.
            patiently().until(() -> receiver.received("/hook").stream()
                    .anyMatch(delivery -> delivery.body().contains(ciphertextOf(note))));
            forTheViews().until(() -> owner.get(timelinePath).data().size() == 4);
            oldKey = keyDocument(system, session);
            assertThat(oldKey).containsKey("wrapped");
            assertThat(gridFsFiles(system, session)).isEqualTo(1);

            assertThat(owner.post(path.replace("/agent/", "/admin/") + "/shred", confirm(session))
                            .expect(200)
                            .body())
                    .isEqualTo(Json.read("{\"sessionId\":\"" + session + "\",\"shredded\":true,\"erased\":true}"));

            assertThat(EventLog.types(system, "shredding-" + session))
                    .containsExactly("SessionShredRequested", "SessionShredded");
            forTheViews().untilAsserted(() -> {
                JsonNode erased = owner.get(path).expect(200).body();
                assertThat(erased.get("erased").asBoolean()).isTrue();
                assertThat(erased.get("status").asText()).isEqualTo("Erased");
                assertThat(erased.get("encryptedTitle").isNull()).isTrue();
                assertThat(erased.get("agentId").asText()).isEqualTo(agentId);
            });
            forTheViews()
                    .untilAsserted(
                            () -> assertErasedTimeline(owner.get(timelinePath).data()));
            erasedTimeline = owner.get(timelinePath).data();
            JsonNode attachments = owner.get(path + "/attachments").expect(200).data();
            assertThat(attachments).hasSize(1);
            assertThat(attachments.get(0).get("erased").asBoolean()).isTrue();
            assertThat(attachments.get(0).get("filename").isNull()).isTrue();
            assertThat(owner.get(path + "/attachments/" + attachmentId).status())
                    .isEqualTo(404);
            assertThat(owner.get(path + "/participants").expect(200).data()).isEmpty();
            assertThat(gridFsFiles(system, session)).isZero();
            assertTombstone(system, session);

            JsonNode verified = owner.get("/v1/admin/sessions/" + session + "/verify")
                    .expect(200)
                    .body();
            assertThat(verified.get("ok").asBoolean()).as(verified.toString()).isTrue();
            assertThat(verified.get("erased").asBoolean()).isTrue();
            assertThat(verified.get("events").asInt())
                    .isEqualTo(EventLog.stream(system, "session-" + session).size());

            assertError(owner.post("/v1/admin/sessions/" + session + "/shred", confirm(session)), 409, "CONFLICT");
            assertError(owner.post(path + "/messages", "{\"encryptedContent\":" + envelope() + "}"), 409, "CONFLICT");

            JsonNode history = owner.get("/v1/admin/sessions/" + session + "/history")
                    .expect(200)
                    .body();
            assertThat(history.at("/session/erased").asBoolean())
                    .as(history.toString())
                    .isTrue();
            assertThat(history.get("timeline")).isEqualTo(erasedTimeline);
            JsonNode events = owner.get("/v1/admin/sessions/" + session + "/events?pageSize=100")
                    .expect(200)
                    .data();
            assertThat(events)
                    .allSatisfy(event ->
                            assertThat(event.get("readable").asBoolean()).isFalse());
            assertThat(owner.get("/v1/admin/parked-events").expect(200).text()).doesNotContain(session);

            // Pending deliveries now send an erased body, never the old content.
            int before = receiver.received("/hook").size();
            receiverUp.set(true);
            patiently().until(() -> receiver.received("/hook").size() > before + 1);
            List<WebhookReceiver.Received> after = receiver.received("/hook")
                    .subList(before, receiver.received("/hook").size());
            assertThat(after).allSatisfy(delivery -> assertThat(delivery.body())
                    .contains("\"erased\":true")
                    .doesNotContain(secrets.toArray(String[]::new)));

            ViewRebuilds.all(owner);
            assertThat(owner.get(timelinePath).expect(200).data()).isEqualTo(erasedTimeline);
            assertThat(owner.get(path).expect(200).body().get("erased").asBoolean())
                    .isTrue();
            assertNoSecrets(owner, path, secrets);
        }

        try (LedgerloopSystem restarted = LedgerloopSystem.start(data, 0)) {
            Api owner = Api.gateway(restarted).withKey(key);
            String path = "/v1/agent/sessions/" + session;
            forTheViews().untilAsserted(() -> assertThat(
                            owner.get(timelinePath).expect(200).data())
                    .isEqualTo(erasedTimeline));
            assertError(owner.post(path + "/messages", "{\"encryptedContent\":" + envelope() + "}"), 409, "CONFLICT");
            assertTombstone(restarted, session);
            // Someone restores the old wrapped key from a backup: the log says the session is shredded.
            restoreKeyDocument(restarted, oldKey);
        }

        try (LedgerloopSystem restored = LedgerloopSystem.start(data, 0)) {
            Api owner = Api.gateway(restored).withKey(key);
            String path = "/v1/agent/sessions/" + session;
            assertThat(keyDocument(restored, session)).containsKey("wrapped");
            assertError(owner.post(path + "/messages", "{\"encryptedContent\":" + envelope() + "}"), 409, "CONFLICT");
            JsonNode history = owner.get("/v1/admin/sessions/" + session + "/history")
                    .expect(200)
                    .body();
            assertThat(history.get("timeline")).isEqualTo(erasedTimeline);
            ViewRebuilds.all(owner);
            assertThat(owner.get(timelinePath).expect(200).data()).isEqualTo(erasedTimeline);
            assertNoSecrets(owner, path, secrets);
            assertThat(owner.get("/v1/admin/sessions/" + session + "/verify")
                            .expect(200)
                            .body()
                            .get("ok")
                            .asBoolean())
                    .isTrue();
        }
    }

    @Test
    void a_shred_stopped_after_its_request_is_completed_by_the_restart_and_bad_requests_are_refused() throws Exception {
        String key;
        String session;
        try (LedgerloopSystem system =
                LedgerloopSystem.start(data, 0, "--ledgerloop.shredding.halt-after-request=true")) {
            key = system.secrets().bootstrapKeyOnce();
            Api owner = Api.gateway(system).withKey(key);
            session = owner.openSession();
            owner.sendMessage(session, envelope());
            String shred = "/v1/admin/sessions/" + session + "/shred";

            assertError(owner.post(shred, null), 400, "VALIDATION_ERROR");
            assertError(owner.post(shred, "{}"), 400, "VALIDATION_ERROR");
            assertError(owner.post(shred, confirm(UUID.randomUUID().toString())), 400, "VALIDATION_ERROR");
            String unknown = UUID.randomUUID().toString();
            assertError(owner.post("/v1/admin/sessions/" + unknown + "/shred", confirm(unknown)), 404, "NOT_FOUND");
            Api anotherAgent = Backends.signedAs(
                            system, Principal.agent(system.secrets().spaceId(), UUID.randomUUID(), "other", "key-x"))
                    .commandSide();
            assertError(anotherAgent.post(shred, confirm(session)), 403, "FORBIDDEN");
            assertThat(shreddingTypes(system, session)).isEmpty();

            assertThat(owner.post(shred, confirm(session))
                            .expect(202)
                            .body()
                            .get("shredded")
                            .asBoolean())
                    .isFalse();
            assertThat(EventLog.types(system, "shredding-" + session)).containsExactly("SessionShredRequested");
            // The request alone already counts: the content is erased and takes no more changes.
            assertError(
                    owner.post(
                            "/v1/agent/sessions/" + session + "/messages", "{\"encryptedContent\":" + envelope() + "}"),
                    409,
                    "CONFLICT");
            assertError(owner.post(shred, confirm(session)), 409, "CONFLICT");
            assertThat(keyDocument(system, session)).containsKey("wrapped");
        }

        try (LedgerloopSystem restarted = LedgerloopSystem.start(data, 0)) {
            patiently().untilAsserted(() -> assertThat(EventLog.types(restarted, "shredding-" + session))
                    .containsExactly("SessionShredRequested", "SessionShredded"));
            assertTombstone(restarted, session);
            Api owner = Api.gateway(restarted).withKey(key);
            forTheViews()
                    .untilAsserted(() -> assertErasedTimeline(owner.get("/v1/agent/sessions/" + session + "/timeline")
                            .expect(200)
                            .data()));
        }
    }

    private static List<String> shreddingTypes(LedgerloopSystem system, String session) throws Exception {
        try {
            return EventLog.types(system, "shredding-" + session);
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e).hasCauseInstanceOf(com.eventstore.dbclient.StreamNotFoundException.class);
            return List.of();
        }
    }

    private static void assertErasedTimeline(JsonNode items) {
        assertThat(items).isNotEmpty();
        assertThat(items).allSatisfy(item -> {
            assertThat(item.get("erased").asBoolean()).as(item.toString()).isTrue();
            assertThat(item.has("encryptedContent")).isFalse();
            assertThat(item.has("encryptedResponse")).isFalse();
            assertThat(item.has("userId")).isFalse();
        });
    }

    private static void assertNoSecrets(Api owner, String path, List<String> secrets) throws Exception {
        for (String read : List.of(
                path,
                path + "/timeline?pageSize=100",
                path + "/attachments",
                path + "/participants",
                "/v1/admin/sessions/" + path.substring(path.lastIndexOf('/') + 1) + "/history")) {
            assertThat(owner.get(read).text()).as(read).doesNotContain(secrets.toArray(String[]::new));
        }
    }

    private static String confirm(String sessionId) {
        return "{\"confirm\":\"" + sessionId + "\"}";
    }

    private static String ciphertextOf(String envelope) {
        return Json.read(envelope).get("ciphertext").asText();
    }

    private static void assertError(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.error().get("code").asText()).isEqualTo(code);
    }

    private static void assertTombstone(LedgerloopSystem system, String session) {
        Document tombstone = keyDocument(system, session);
        assertThat(tombstone).containsEntry("shredded", true).doesNotContainKey("wrapped");
    }

    private static Document keyDocument(LedgerloopSystem system, String session) {
        try (MongoClient client = MongoClients.create(system.mongoConnectionString())) {
            return keyring(client)
                    .find(Filters.eq("streamId", "session-" + session))
                    .first();
        }
    }

    private static void restoreKeyDocument(LedgerloopSystem system, Document old) {
        try (MongoClient client = MongoClients.create(system.mongoConnectionString())) {
            MongoCollection<Document> keyring = keyring(client);
            keyring.deleteOne(Filters.eq("streamId", old.getString("streamId")));
            keyring.insertOne(old);
        }
    }

    private static long gridFsFiles(LedgerloopSystem system, String session) {
        try (MongoClient client = MongoClients.create(system.mongoConnectionString())) {
            return database(client)
                    .getCollection("attachments.files")
                    .countDocuments(Filters.eq("metadata.sessionId", session));
        }
    }

    private static MongoCollection<Document> keyring(MongoClient client) {
        return database(client).getCollection("keyring");
    }

    private static MongoDatabase database(MongoClient client) {
        return client.getDatabase("ledgerloop");
    }
}
