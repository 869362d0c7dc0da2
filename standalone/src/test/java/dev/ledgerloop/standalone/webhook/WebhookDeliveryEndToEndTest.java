package dev.ledgerloop.standalone.webhook;

import static dev.ledgerloop.standalone.fixture.Envelopes.envelope;
import static dev.ledgerloop.standalone.fixture.Waits.patiently;
import static dev.ledgerloop.standalone.webhook.WebhookReceiver.always;
import static dev.ledgerloop.standalone.webhook.WebhookReceiver.failingFirst;
import static dev.ledgerloop.standalone.webhook.Webhooks.SHORT_SCHEDULE;
import static dev.ledgerloop.standalone.webhook.Webhooks.endpoint;
import static dev.ledgerloop.standalone.webhook.Webhooks.hiloopSignature;
import static dev.ledgerloop.standalone.webhook.Webhooks.standardHeaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.svix.Webhook;
import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.Json;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks end to end: the standalone system in-process with a shortened retry schedule, endpoints registered through
 * the gateway, and a real HTTP receiver that checks every signature with Standard Webhooks' own verifier (svix).
 * Each test acts as its own agent and scopes its endpoint to that agent, so the tests share one system.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookDeliveryEndToEndTest {
    private LedgerloopSystem system;
    private WebhookReceiver receiver;
    private String key;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        system = LedgerloopSystem.start(data, 0, SHORT_SCHEDULE);
        key = system.secrets().bootstrapKeyOnce();
        receiver = new WebhookReceiver();
    }

    @AfterAll
    void stop() {
        receiver.close();
        system.close();
    }

    @Test
    void deliveries_are_signed_for_standard_webhooks_and_the_seed_and_rotation_keeps_both_secrets_signing()
            throws Exception {
        Api api = api("signed");
        JsonNode session = api.post("/v1/agent/sessions", "{}").body();
        String url = receiver.url("/signed", always(200));
        Answer created = api.post(
                "/v1/admin/webhooks", endpoint(url, session.get("agentId").asText(), "tok-1"));
        assertThat(created.status()).isEqualTo(201);
        String secret = created.body().get("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6)).length).isGreaterThanOrEqualTo(24);
        assertThat(created.body().get("enabled").asBoolean()).isTrue();
        assertThat(created.body().at("/scope/agentIds/0").asText())
                .isEqualTo(session.get("agentId").asText());

        String sessionId = session.get("id").asText();
        String content = envelope();
        JsonNode message = api.sendMessage(sessionId, content);
        api.post("/v1/agent/sessions/" + sessionId + "/close", "{}");

        patiently().until(() -> receiver.received("/signed").size() >= 2);
        List<WebhookReceiver.Received> received = receiver.received("/signed");
        for (WebhookReceiver.Received delivery : received) {
            new Webhook(secret).verify(delivery.body(), standardHeaders(delivery));
            assertThat(Webhooks.signedWith(secret, delivery))
                    .as("the crash test's own check")
                    .isTrue();
            assertThat(delivery.header("X-Hiloop-Signature")).isEqualTo(hiloopSignature(secret, delivery.body()));
            assertThat(delivery.header("Authorization")).isEqualTo("Bearer tok-1");
            JsonNode body = Json.read(delivery.body());
            assertThat(body.get("id").asText()).isEqualTo(delivery.header("webhook-id"));
            assertThat(body.get("createdAt").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        }
        Map<String, JsonNode> byType = received.stream()
                .map(delivery -> Json.read(delivery.body()))
                .collect(Collectors.toMap(body -> body.get("type").asText(), body -> body));
        assertThat(byType).containsOnlyKeys("session.message.new", "session.closed");
        JsonNode newMessage = byType.get("session.message.new").get("data");
        assertThat(newMessage.get("sessionId").asText()).isEqualTo(sessionId);
        assertThat(newMessage.at("/message/id").asText())
                .isEqualTo(message.get("id").asText());
        assertThat(newMessage.at("/message/encryptedContent")).isEqualTo(Json.read(content));

        String webhookId = created.body().get("id").asText();
        Answer rotated = api.post("/v1/admin/webhooks/" + webhookId + "/rotate-secret", "{}");
        assertThat(rotated.status()).isEqualTo(200);
        String newSecret = rotated.body().get("secret").asText();
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(secret);
        String second = api.openSession();
        patiently().until(() -> receiver.received("/signed").size() >= 3);
        WebhookReceiver.Received afterRotation = receiver.received("/signed").get(2);
        assertThat(Json.read(afterRotation.body()).at("/data/sessionId").asText())
                .isEqualTo(second);
        new Webhook(newSecret).verify(afterRotation.body(), standardHeaders(afterRotation));
        new Webhook(secret).verify(afterRotation.body(), standardHeaders(afterRotation));
        assertThat(afterRotation.header("X-Hiloop-Signature"))
                .isEqualTo(hiloopSignature(newSecret, afterRotation.body()));
    }

    @Test
    void a_delivery_that_fails_first_is_retried_with_the_same_webhook_id_until_it_succeeds() throws Exception {
        Api api = api("flaky");
        String agentId = api.agentId();
        String url = receiver.url("/flaky", failingFirst(2));
        assertThat(api.post("/v1/admin/webhooks", endpoint(url, agentId, null)).status())
                .isEqualTo(201);

        api.openSession();

        patiently().until(() -> receiver.received("/flaky").size() >= 3);
        String deliveryId = receiver.received("/flaky").get(0).header("webhook-id");
        assertThat(receiver.received("/flaky"))
                .extracting(delivery -> delivery.header("webhook-id"))
                .containsOnly(deliveryId);

        patiently().untilAsserted(() -> {
            JsonNode delivery =
                    api.get("/v1/agent/webhook-deliveries/" + deliveryId).body();
            assertThat(delivery.get("status").asText()).isEqualTo("Succeeded");
            assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
            assertThat(delivery.get("lastStatus").asInt()).isEqualTo(200);
            assertThat(delivery.get("type").asText()).isEqualTo("session.created");
        });
        JsonNode list = api.get("/v1/agent/webhook-deliveries?limit=10").body();
        assertThat(list.get("data")).hasSize(1);
        assertThat(list.at("/data/0/id").asText()).isEqualTo(deliveryId);
        assertThat(api.get("/v1/agent/webhook-deliveries?limit=101").status()).isEqualTo(400);
        patiently().untilAsserted(() -> {
            JsonNode stats = api.get("/v1/agent/webhook-deliveries/stats").body();
            assertThat(stats.get("succeeded").asLong()).isEqualTo(1);
            assertThat(stats.get("failed").asLong()).isEqualTo(2);
            assertThat(stats.get("exhausted").asLong()).isZero();
            assertThat(stats.get("successRate").asDouble()).isCloseTo(1.0 / 3, within(0.001));
            assertThat(stats.at("/latencyMs/p50").isNumber()).isTrue();
            assertThat(stats.at("/latencyMs/p99").asLong())
                    .isGreaterThanOrEqualTo(stats.at("/latencyMs/p50").asLong());
            assertThat(stats.at("/lastFailure/status").asInt()).isEqualTo(500);
            assertThat(stats.at("/lastFailure/deliveryId").asText()).isEqualTo(deliveryId);
            assertThat(stats.at("/hourly/0/succeeded").asLong()).isEqualTo(1);
            assertThat(stats.at("/endpoints/0/succeeded").asLong()).isEqualTo(1);
        });
    }

    @Test
    void an_endpoint_down_past_the_schedule_exhausts_the_delivery_and_a_manual_retry_delivers_it() throws Exception {
        Api api = api("down");
        String agentId = api.agentId();
        AtomicBoolean up = new AtomicBoolean(false);
        String url = receiver.url("/down", n -> up.get() ? 200 : 503);
        assertThat(api.post("/v1/admin/webhooks", endpoint(url, agentId, null)).status())
                .isEqualTo(201);

        api.openSession();

        patiently().until(() -> receiver.received("/down").size() >= 4);
        String deliveryId = receiver.received("/down").get(0).header("webhook-id");
        up.set(true);
        // 409 while attempts are still scheduled; 202 once the schedule is exhausted.
        patiently()
                .until(() -> api.post("/v1/agent/webhook-deliveries/" + deliveryId + "/retry", "{}")
                                .status()
                        == 202);
        patiently().until(() -> receiver.received("/down").size() >= 5);
        assertThat(receiver.received("/down").get(4).header("webhook-id")).isEqualTo(deliveryId);
        assertThat(receiver.received("/down")).hasSize(5);
        patiently().untilAsserted(() -> {
            JsonNode delivery =
                    api.get("/v1/agent/webhook-deliveries/" + deliveryId).body();
            assertThat(delivery.get("status").asText()).isEqualTo("Succeeded");
            assertThat(delivery.get("attempts").asInt()).isEqualTo(5);
        });
        patiently().untilAsserted(() -> assertThat(api.get("/v1/agent/webhook-deliveries/stats")
                        .body()
                        .get("exhausted")
                        .asLong())
                .isEqualTo(1));
        assertThat(api.post("/v1/agent/webhook-deliveries/" + deliveryId + "/retry", "{}")
                        .status())
                .isEqualTo(409);
        assertThat(api("someone-else")
                        .post("/v1/agent/webhook-deliveries/" + deliveryId + "/retry", "{}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void the_space_owner_recovers_the_deliveries_an_endpoint_exhausted_since_a_time() throws Exception {
        Api api = api("recovering");
        String agentId = api.agentId();
        AtomicBoolean up = new AtomicBoolean(false);
        String url = receiver.url("/recovering", n -> up.get() ? 200 : 503);
        String webhookId = api.post("/v1/admin/webhooks", endpoint(url, agentId, null))
                .body()
                .get("id")
                .asText();
        String since = java.time.Instant.now().minusSeconds(60).toString();

        api.openSession();
        patiently().until(() -> receiver.received("/recovering").size() >= 4);
        String deliveryId = receiver.received("/recovering").get(0).header("webhook-id");
        patiently().untilAsserted(() -> assertThat(api.get("/v1/agent/webhook-deliveries/" + deliveryId)
                        .body()
                        .get("status")
                        .asText())
                .isEqualTo("Exhausted"));
        up.set(true);

        Answer recovered = api.post("/v1/admin/webhooks/" + webhookId + "/recover", "{\"since\":\"" + since + "\"}");
        assertThat(recovered.status()).isEqualTo(202);
        assertThat(recovered.body().get("recovered").asInt()).isEqualTo(1);
        patiently().until(() -> receiver.received("/recovering").size() >= 5);
        assertThat(receiver.received("/recovering").get(4).header("webhook-id")).isEqualTo(deliveryId);
        assertThat(api.post(
                                "/v1/admin/webhooks/" + java.util.UUID.randomUUID() + "/recover",
                                "{\"since\":\"" + since + "\"}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void an_endpoint_that_answers_410_gone_is_disabled_with_the_reason() throws Exception {
        Api api = api("gone");
        String agentId = api.agentId();
        String url = receiver.url("/gone", always(410));
        Answer created = api.post("/v1/admin/webhooks", endpoint(url, agentId, null));
        String webhookId = created.body().get("id").asText();

        api.openSession();

        patiently().until(() -> receiver.received("/gone").size() >= 1);
        patiently().untilAsserted(() -> {
            JsonNode webhook =
                    api.patch("/v1/admin/webhooks/" + webhookId, "{}").body();
            assertThat(webhook.get("enabled").asBoolean()).isFalse();
            assertThat(webhook.get("disabledReason").asText()).contains("410");
        });
        assertThat(receiver.received("/gone")).hasSize(1);
    }

    @Test
    void a_slow_endpoint_does_not_hold_back_the_others() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Api slow = api("slow");
        Api fast = api("fast");
        String slowAgent = slow.agentId();
        String fastAgent = fast.agentId();
        String slowUrl = receiver.url("/slow", n -> {
            release.await(20, TimeUnit.SECONDS);
            return 200;
        });
        String fastUrl = receiver.url("/fast", always(200));
        assertThat(slow.post("/v1/admin/webhooks", endpoint(slowUrl, slowAgent, null))
                        .status())
                .isEqualTo(201);
        assertThat(fast.post("/v1/admin/webhooks", endpoint(fastUrl, fastAgent, null))
                        .status())
                .isEqualTo(201);

        String slowSession = slow.openSession();
        for (int i = 0; i < 6; i++) {
            slow.sendMessage(slowSession, envelope());
        }
        patiently().until(() -> receiver.received("/slow").size() >= 1);
        String fastSession = fast.openSession();
        for (int i = 0; i < 3; i++) {
            fast.sendMessage(fastSession, envelope());
        }

        // All of the fast endpoint's deliveries arrive while the slow one still holds its requests.
        patiently().until(() -> receiver.received("/fast").size() >= 4);
        assertThat(release.getCount()).isEqualTo(1);
        release.countDown();
        patiently().until(() -> receiver.webhookIds("/slow").stream().distinct().count() >= 7);
    }

    @Test
    void redirects_are_not_followed() throws Exception {
        Api api = api("redirected");
        String agentId = api.agentId();
        String elsewhere = receiver.url("/elsewhere", always(200));
        String url = receiver.url("/redirect", n -> 302);
        assertThat(api.post("/v1/admin/webhooks", endpoint(url, agentId, null)).status())
                .isEqualTo(201);
        assertThat(elsewhere).isNotEmpty();

        api.openSession();

        patiently().untilAsserted(() -> {
            JsonNode deliveries = api.get("/v1/agent/webhook-deliveries").body().get("data");
            assertThat(deliveries).hasSize(1);
            assertThat(deliveries.at("/0/status").asText()).isEqualTo("Exhausted");
            assertThat(deliveries.at("/0/lastStatus").asInt()).isEqualTo(302);
            assertThat(deliveries.at("/0/attempts").asInt()).isEqualTo(4);
        });
        assertThat(receiver.received("/redirect")).hasSize(4);
        assertThat(receiver.received("/elsewhere")).isEmpty();
    }

    @Test
    void targets_must_be_http_and_outside_our_network_unless_allowed() throws Exception {
        Api api = api("targets");
        for (String url : List.of(
                "ftp://example.com/x",
                "http://10.1.2.3/x",
                "http://169.254.169.254/latest/meta-data",
                "http://[::1]:8080/x",
                "not a url")) {
            Answer refused = api.post("/v1/admin/webhooks", endpoint(url, null, null));
            assertThat(refused.status()).as(url).isEqualTo(400);
            assertThat(refused.body().at("/error/code").asText()).isEqualTo("VALIDATION_ERROR");
        }
        assertThat(api.post("/v1/admin/webhooks", "{\"url\":\"http://127.0.0.1:9/x\"}")
                        .body()
                        .at("/error/message")
                        .asText())
                .isEqualTo("Field 'eventTypes' is required");
        // Disabled: the tests share a space, and an endpoint for every agent would get their deliveries too.
        String created = api.post(
                        "/v1/admin/webhooks",
                        "{\"url\":\"http://127.0.0.1:9/x\",\"eventTypes\":[\"session.*\"],\"enabled\":false,"
                                + "\"token\":\"tok-1\"}")
                .expect(201)
                .id();
        // A change the endpoint cannot take is refused, not ignored.
        Answer tokenChange = api.patch("/v1/admin/webhooks/" + created, "{\"token\":\"tok-2\"}");
        assertThat(tokenChange.status()).isEqualTo(400);
        assertThat(tokenChange.body().at("/error/message").asText()).startsWith("Field 'token' cannot be changed");
        Answer mistypedToken = api.patch("/v1/admin/webhooks/" + created, "{\"token\":42}");
        assertThat(mistypedToken.status()).isEqualTo(400);
        assertThat(mistypedToken.body().at("/error/message").asText()).startsWith("Field 'token' cannot be changed");
    }

    @Test
    void every_decision_and_change_in_a_session_and_every_invocation_reaches_the_agents_endpoint() throws Exception {
        Api agent = api("lifecycle");
        String agentId = agent.agentId();
        String url = receiver.url("/lifecycle", always(200));
        agent.post(
                        "/v1/admin/webhooks",
                        "{\"url\":\"" + url + "\",\"eventTypes\":[\"*\"],\"scope\":{\"agentIds\":[\"" + agentId
                                + "\"]}}")
                .expect(201);
        String session = agent.openSession();
        String path = "/v1/agent/sessions/" + session;
        agent.post(path + "/participants", "{\"userId\":\"ada\",\"role\":\"member\"}")
                .expect(201);
        agent.patch(path + "/participants/ada", "{\"role\":\"admin\"}").expect(200);
        String question = agent.post(
                        path + "/messages", "{\"encryptedContent\":" + envelope() + ",\"responseRequired\":true}")
                .expect(201)
                .id();
        String edit = envelope();
        agent.patch(path + "/messages/" + question, "{\"encryptedContent\":" + edit + "}")
                .expect(200);
        String answer = envelope();
        Api ada = Api.gateway(system).withToken(system.mintHumanToken("ada"));
        String responseId = ada.post(
                        "/v1/human/sessions/" + session + "/messages/" + question + "/respond",
                        "{\"encryptedResponse\":" + answer + "}")
                .expect(201)
                .id();
        agent.post(path + "/acknowledge", "{}").expect(200);
        String second = agent.post(
                        path + "/messages", "{\"encryptedContent\":" + envelope() + ",\"responseRequired\":true}")
                .expect(201)
                .id();
        agent.post(path + "/cancel", "{}").expect(200);
        agent.delete(path + "/messages/" + second).expect(204);
        agent.upload(path + "/attachments", "plan.txt", "text/plain", "plan".getBytes())
                .expect(201);
        agent.delete(path + "/participants/ada").expect(204);
        agent.post(path + "/close", "{}").expect(200);
        agent.post(path + "/archive", "{}").expect(200);
        agent.put("/v1/agent/commands", "[{\"name\":\"ping\",\"parameters\":{\"type\":\"object\"}}]")
                .expect(200);
        String invocation = ada.post("/v1/human/invocations", "{\"agentId\":\"" + agentId + "\",\"command\":\"ping\"}")
                .expect(201)
                .id();
        agent.post("/v1/agent/invocations/" + invocation + "/complete", "{\"encryptedResult\":" + envelope() + "}")
                .expect(200);

        List<String> expected = List.of(
                "session.created",
                "participant.added",
                "participant.role_changed",
                "session.message.new",
                "session.message.edited",
                "session.message.responded",
                "session.message.acknowledged",
                "session.message.new",
                "session.message.cancelled",
                "session.message.deleted",
                "session.attachment.uploaded",
                "participant.removed",
                "session.closed",
                "session.archived",
                "invocation.requested",
                "invocation.completed");
        patiently().until(() -> receiver.received("/lifecycle").size() >= expected.size());
        Map<String, JsonNode> byType = new java.util.LinkedHashMap<>();
        List<String> types = new java.util.ArrayList<>();
        for (WebhookReceiver.Received delivery : receiver.received("/lifecycle")) {
            JsonNode body = Json.read(delivery.body());
            types.add(body.get("type").asText());
            byType.put(body.get("type").asText(), body.get("data"));
        }
        // Each event once (attempts run in parallel, so they may arrive in another order than the log).
        assertThat(types).containsExactlyInAnyOrderElementsOf(expected);
        JsonNode responded = byType.get("session.message.responded");
        assertThat(responded.get("sessionId").asText()).isEqualTo(session);
        assertThat(responded.get("agentId").asText()).isEqualTo(agentId);
        assertThat(responded.get("messageId").asText()).isEqualTo(question);
        assertThat(responded.at("/response/id").asText()).isEqualTo(responseId);
        assertThat(responded.at("/response/userId").asText()).isEqualTo("ada");
        assertThat(responded.at("/response/encryptedResponse")).isEqualTo(Json.read(answer));
        assertThat(byType.get("session.message.edited").get("encryptedContent")).isEqualTo(Json.read(edit));
        assertThat(byType.get("participant.role_changed").get("role").asText()).isEqualTo("admin");
        assertThat(byType.get("participant.removed").get("role").isNull()).isTrue();
        assertThat(byType.get("session.message.cancelled").get("messageId").asText())
                .isEqualTo(second);
        assertThat(byType.get("session.attachment.uploaded")
                        .at("/attachment/filename")
                        .asText())
                .isEqualTo("plan.txt");
        assertThat(byType.get("invocation.requested").get("command").asText()).isEqualTo("ping");
        assertThat(byType.get("invocation.completed").get("invocationId").asText())
                .isEqualTo(invocation);
        assertThat(byType.get("invocation.completed").get("agentId").asText()).isEqualTo(agentId);
    }

    private Api api(String agentName) {
        return Api.gateway(system).withKey(key, agentName);
    }
}
