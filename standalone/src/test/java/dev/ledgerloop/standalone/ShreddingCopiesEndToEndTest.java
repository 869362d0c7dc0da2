package dev.ledgerloop.standalone;

import static dev.ledgerloop.standalone.fixture.Envelopes.envelope;
import static dev.ledgerloop.standalone.fixture.Waits.forTheViews;
import static dev.ledgerloop.standalone.fixture.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import com.eventstore.dbclient.RecordedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.ledgerloop.events.AggregateEvent;
import dev.ledgerloop.events.EventCodec;
import dev.ledgerloop.events.Upcasters;
import dev.ledgerloop.events.crypto.AtRestCipher;
import dev.ledgerloop.events.crypto.Keyring;
import dev.ledgerloop.events.crypto.MasterKey;
import dev.ledgerloop.events.crypto.MongoWrappedKeyStore;
import dev.ledgerloop.events.crypto.SessionSeals;
import dev.ledgerloop.events.delivery.DeliveryCreated;
import dev.ledgerloop.events.delivery.DeliveryFailed;
import dev.ledgerloop.events.evidence.BundleVerifier;
import dev.ledgerloop.events.evidence.EvidenceBundle;
import dev.ledgerloop.events.invocation.InvocationCompleted;
import dev.ledgerloop.events.invocation.InvocationContent;
import dev.ledgerloop.events.invocation.InvocationFailed;
import dev.ledgerloop.events.invocation.InvocationRequested;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.EventLog;
import dev.ledgerloop.standalone.fixture.Json;
import dev.ledgerloop.standalone.fixture.ViewRebuilds;
import dev.ledgerloop.standalone.webhook.WebhookReceiver;
import dev.ledgerloop.standalone.webhook.Webhooks;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crypto-shredding reaches the copies of a session's content kept outside its stream (docs/api.md §Shredding): the
 * invocations made in the session and the webhook bodies about it. After the shredding their views show them erased,
 * the delivery listing and the pending deliveries carry no content, and the stored events, decrypted with the master
 * key and the keyring as they are, yield none of it either; a rebuild and a restart change nothing.
 */
class ShreddingCopiesEndToEndTest {
    private static final String[] RETRY_EVERY_SECOND = {
        "--ledgerloop.webhooks.retry-schedule=0s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s",
        "--ledgerloop.webhooks.jitter=0"
    };
    private static final String DEPLOY = "{\"name\":\"deploy\",\"parameters\":{\"type\":\"object\","
            + "\"properties\":{\"file\":{\"type\":\"string\"}}}}";
    private static final ObjectMapper JSON =
            JsonMapper.builder().addModule(new JavaTimeModule()).build();

    @TempDir
    Path data;

    @Test
    void invocations_and_webhook_bodies_of_a_shredded_session_are_erased_and_cannot_be_decrypted() throws Exception {
        String key;
        String session;
        List<String> invocations = new ArrayList<>();
        String outside;
        List<String> secrets = new ArrayList<>();
        try (WebhookReceiver receiver = new WebhookReceiver();
                LedgerloopSystem system = LedgerloopSystem.start(data, 0, RETRY_EVERY_SECOND)) {
            key = system.secrets().bootstrapKeyOnce();
            Api owner = Api.gateway(system).withKey(key);
            session = owner.openSession();
            String path = "/v1/agent/sessions/" + session;
            forTheViews().until(() -> owner.get(path).status() == 200);
            String agentId = owner.get(path).expect(200).body().get("agentId").asText();
            AtomicBoolean receiverUp = new AtomicBoolean(false);
            // A receiver that echoes the body in its answers, which a failed delivery keeps.
            String hook = receiver.echoingUrl("/hook", n -> receiverUp.get() ? 200 : 503);
            owner.post("/v1/admin/webhooks", Webhooks.endpoint(hook, agentId, null))
                    .expect(201);
            owner.post(path + "/participants", "{\"userId\":\"alice\",\"role\":\"member\"}")
                    .expect(201);
            owner.put("/v1/agent/commands", "[" + DEPLOY + "]").expect(200);
            Api alice = Api.gateway(system).withToken(system.mintHumanToken("alice"));
            Api bob = Api.gateway(system).withToken(system.mintHumanToken("bob"));

            String note = envelope();
            secrets.add(ciphertextOf(note));
            owner.post(path + "/messages", "{\"encryptedContent\":" + note + "}")
                    .expect(201);
            String completed = invoke(alice, agentId, session, "secret-plan-name.txt", secrets);
            String result = envelope();
            secrets.add(ciphertextOf(result));
            JsonNode answered = owner.post(
                            "/v1/agent/invocations/" + completed + "/complete", "{\"encryptedResult\":" + result + "}")
                    .expect(200)
                    .body();
            assertThat(answered.at("/arguments/file").asText()).isEqualTo("secret-plan-name.txt");
            assertThat(answered.get("encryptedResult")).isEqualTo(Json.read(result));
            String failed = invoke(alice, agentId, session, "secret-second-file.txt", secrets);
            owner.post("/v1/agent/invocations/" + failed + "/fail", "{\"error\":\"secret-error-detail\"}")
                    .expect(200);
            secrets.add("secret-error-detail");
            String pending = invoke(alice, agentId, session, "secret-third-file.txt", secrets);
            invocations.addAll(List.of(completed, failed, pending));
            outside = alice.post(
                            "/v1/human/invocations",
                            "{\"agentId\":\"" + agentId + "\",\"command\":\"deploy\",\"arguments\":"
                                    + "{\"file\":\"kept-outside.txt\"}}")
                    .expect(201)
                    .id();
            // Only a participant invokes in a session.
            assertError(bob.post("/v1/human/invocations", invocation(agentId, session, null, "x")), 404, "NOT_FOUND");

            forTheViews().untilAsserted(() -> assertThat(owner.get("/v1/agent/invocations/" + failed)
                            .expect(200)
                            .body()
                            .get("error")
                            .asText())
                    .isEqualTo("secret-error-detail"));
            JsonNode readable =
                    owner.get("/v1/agent/invocations/" + completed).expect(200).body();
            assertThat(readable.get("sessionId").asText()).isEqualTo(session);
            assertThat(readable.get("erased").asBoolean()).isFalse();
            assertThat(readable.at("/arguments/file").asText()).isEqualTo("secret-plan-name.txt");
            // The deliveries of the message are pending (the receiver fails them) when the session is shredded.
            patiently().until(() -> receiver.received("/hook").stream()
                    .anyMatch(delivery -> delivery.body().contains(ciphertextOf(note))));
            // Before the shredding the stored copies are readable with the keys: the check below can see content.
            assertThat(storedContent(system, session)).contains(secrets.toArray(String[]::new));
            forTheViews().untilAsserted(() -> assertThat(owner.get("/v1/agent/webhook-deliveries?limit=100")
                            .expect(200)
                            .text())
                    .contains(ciphertextOf(note)));
            assertThat(owner.get("/v1/agent/sessions?status=Erased").expect(200).data())
                    .isEmpty();

            owner.post("/v1/admin/sessions/" + session + "/shred", "{\"confirm\":\"" + session + "\"}")
                    .expect(200);

            forTheViews().untilAsserted(() -> assertThat(owner.get("/v1/agent/sessions?status=Erased")
                            .expect(200)
                            .data())
                    .extracting(listed -> listed.get("id").asText())
                    .containsExactly(session));
            forTheViews().untilAsserted(() -> assertInvocationsErased(owner, invocations, session));
            assertThat(owner.get("/v1/agent/invocations/" + outside)
                            .expect(200)
                            .body()
                            .at("/arguments/file")
                            .asText())
                    .isEqualTo("kept-outside.txt");
            assertNoSecrets(owner, secrets);
            // The session takes no more invocations, and its pending one no result.
            assertError(
                    owner.post(
                            "/v1/agent/invocations/" + pending + "/complete",
                            "{\"encryptedResult\":" + envelope() + "}"),
                    409,
                    "CONFLICT");
            assertError(alice.post("/v1/human/invocations", invocation(agentId, session, null, "x")), 409, "CONFLICT");

            // The stored copies, decrypted with the master key and the keyring as they now are, hold no content.
            String stored = storedContent(system, session);
            assertThat(stored).doesNotContain(secrets.toArray(String[]::new));
            assertThat(stored).contains("\"type\":\"session.message.new\"", "\"command\":\"deploy\"");
            // Nothing stored was rewritten: the session's evidence bundle passes the offline verifier's checks.
            String verifierKey =
                    owner.get("/v1/admin/log/verifier-key").expect(200).text().strip();
            patiently().untilAsserted(() -> {
                EvidenceBundle bundle = EvidenceBundle.read(owner.get("/v1/admin/sessions/" + session + "/export")
                        .expect(200)
                        .bytes());
                BundleVerifier.Outcome outcome = new BundleVerifier().verify(bundle, verifierKey, null);
                assertThat(outcome.ok()).as(outcome.summary()).isTrue();
                assertThat(bundle.manifest().contentErased()).isTrue();
            });

            // Pending deliveries send the erased body, never the old content.
            int before = receiver.received("/hook").size();
            receiverUp.set(true);
            patiently().until(() -> receiver.received("/hook").size() > before);
            assertThat(receiver.received("/hook")
                            .subList(before, receiver.received("/hook").size()))
                    .allSatisfy(delivery -> assertThat(delivery.body())
                            .contains("\"erased\":true")
                            .doesNotContain(secrets.toArray(String[]::new)));

            ViewRebuilds.all(owner);
            assertInvocationsErased(owner, invocations, session);
            assertNoSecrets(owner, secrets);
            assertThat(owner.get("/v1/agent/sessions?status=Erased").expect(200).data())
                    .hasSize(1);
        }

        try (LedgerloopSystem restarted = LedgerloopSystem.start(data, 0)) {
            Api owner = Api.gateway(restarted).withKey(key);
            forTheViews().untilAsserted(() -> assertInvocationsErased(owner, invocations, session));
            assertNoSecrets(owner, secrets);
            assertThat(storedContent(restarted, session)).doesNotContain(secrets.toArray(String[]::new));
            assertThat(owner.get("/v1/admin/sessions/" + session + "/verify")
                            .expect(200)
                            .body()
                            .get("ok")
                            .asBoolean())
                    .isTrue();
        }
    }

    private static String invoke(Api human, String agentId, String session, String file, List<String> secrets)
            throws Exception {
        String arguments = envelope();
        secrets.add(ciphertextOf(arguments));
        secrets.add(file);
        JsonNode invoked = human.post("/v1/human/invocations", invocation(agentId, session, arguments, file))
                .expect(201)
                .body();
        assertThat(invoked.get("sessionId").asText()).isEqualTo(session);
        assertThat(invoked.at("/arguments/file").asText()).isEqualTo(file);
        return invoked.get("id").asText();
    }

    private static String invocation(String agentId, String session, String encryptedArguments, String file) {
        return "{\"agentId\":\"" + agentId + "\",\"command\":\"deploy\",\"sessionId\":\"" + session + "\""
                + (encryptedArguments == null ? "" : ",\"encryptedArguments\":" + encryptedArguments)
                + ",\"arguments\":{\"file\":\"" + file + "\"}}";
    }

    private static void assertInvocationsErased(Api owner, List<String> invocations, String session) throws Exception {
        for (String id : invocations) {
            JsonNode invocation =
                    owner.get("/v1/agent/invocations/" + id).expect(200).body();
            assertThat(invocation.get("erased").asBoolean())
                    .as(invocation.toString())
                    .isTrue();
            assertThat(invocation.get("sessionId").asText()).isEqualTo(session);
            assertThat(invocation.get("command").asText()).isEqualTo("deploy");
            for (String content :
                    List.of("arguments", "encryptedArguments", "encryptedResult", "error", "requestedBy")) {
                assertThat(invocation.get(content).isNull()).as(content).isTrue();
            }
        }
    }

    private static void assertNoSecrets(Api owner, List<String> secrets) throws Exception {
        for (String read : List.of(
                "/v1/agent/invocations?pageSize=100",
                "/v1/agent/invocations?status=Completed",
                "/v1/agent/webhook-deliveries?limit=100",
                "/v1/agent/webhook-deliveries/stats")) {
            assertThat(owner.get(read).expect(200).text()).as(read).doesNotContain(secrets.toArray(String[]::new));
        }
    }

    /**
     * Everything the stored delivery and invocation events give to someone holding the master key and the keyring
     * collection as it is: each payload decrypted, and each value sealed for the session opened where it still can be.
     */
    private static String storedContent(LedgerloopSystem system, String session) throws Exception {
        UUID space = system.secrets().spaceId();
        UUID sessionId = UUID.fromString(session);
        StringBuilder found = new StringBuilder();
        try (MongoClient client = MongoClients.create(system.mongoConnectionString())) {
            Keyring keyring = new Keyring(
                    MasterKey.fromBase64(system.secrets().masterKey()),
                    new MongoWrappedKeyStore(client.getDatabase("ledgerloop")),
                    Clock.systemUTC(),
                    1000);
            EventCodec codec = new EventCodec(keyring, new AtRestCipher(), Upcasters.none());
            SessionSeals seals = new SessionSeals(keyring);
            Map<UUID, UUID> invocationSessions = new HashMap<>();
            for (RecordedEvent event : EventLog.all(system)) {
                String stream = event.getStreamId();
                if (!stream.startsWith("delivery-") && !stream.startsWith("invocation-")) {
                    continue;
                }
                AggregateEvent payload =
                        codec.decode(stream, event.getEventType(), event.getEventData(), event.getUserMetadata());
                found.append(JSON.writeValueAsString(payload)).append('\n');
                if (payload instanceof DeliveryCreated created && created.sealedPayload() != null) {
                    seals.open(
                                    space,
                                    created.sessionId(),
                                    "delivery-" + created.deliveryId() + "/payload",
                                    created.sealedPayload())
                            .ifPresent(body -> found.append(body).append('\n'));
                } else if (payload instanceof DeliveryFailed answered && answered.sealedResponseBodyPrefix() != null) {
                    seals.open(
                                    space,
                                    answered.sessionId(),
                                    "delivery-" + answered.deliveryId() + "/responseBodyPrefix",
                                    answered.sealedResponseBodyPrefix())
                            .ifPresent(answer -> found.append(answer).append('\n'));
                } else if (payload instanceof InvocationRequested requested
                        && sessionId.equals(requested.sessionId())) {
                    invocationSessions.put(requested.invocationId(), sessionId);
                    InvocationContent.openArguments(
                                    seals, space, sessionId, requested.invocationId(), requested.sealedArguments())
                            .ifPresent(arguments -> found.append(write(arguments)));
                } else if (payload instanceof InvocationCompleted completed
                        && invocationSessions.containsKey(completed.invocationId())) {
                    InvocationContent.openResult(
                                    seals, space, sessionId, completed.invocationId(), completed.sealedResult())
                            .ifPresent(result -> found.append(write(result)));
                } else if (payload instanceof InvocationFailed failed
                        && invocationSessions.containsKey(failed.invocationId())) {
                    InvocationContent.openError(seals, space, sessionId, failed.invocationId(), failed.sealedError())
                            .ifPresent(error -> found.append(error).append('\n'));
                }
            }
        }
        return found.toString();
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String ciphertextOf(String envelope) {
        return Json.read(envelope).get("ciphertext").asText();
    }

    private static void assertError(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.error().get("code").asText()).isEqualTo(code);
    }
}
