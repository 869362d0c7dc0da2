package dev.ledgerloop.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.platform.principal.PrincipalHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-tenancy (API.md §Authentication): space B — the same agent id, or a human of the same name, signed into
 * another space — reaches none of space A's sessions through any session endpoint: every call answers 404, and
 * space A's data is unchanged afterwards. The backends are called with principals signed by the gateway's secret,
 * which is what the gateway forwards for a key or token of space B.
 */
class SpaceIsolationEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENVELOPE = "{\"v\":1,\"alg\":\"X25519-HKDF-SHA256-A256GCM\","
            + "\"ciphertext\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\",\"wrappings\":[{\"kid\":\"me\","
            + "\"epk\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\",\"wrappedKey\":"
            + "\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7\"}]}";

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    private record Call(String method, String path, String body) {}

    @Test
    void another_space_finds_nothing_of_this_space_through_any_endpoint() throws Exception {
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            PrincipalHeaders signer = new PrincipalHeaders(
                    Base64.getDecoder().decode(system.secrets().principalSecret()),
                    Clock.systemUTC(),
                    Duration.ofMinutes(5));
            UUID spaceA = system.secrets().spaceId();
            UUID spaceB = UUID.randomUUID();
            UUID agent = UUID.randomUUID();
            Principal agentA = Principal.agent(spaceA, agent, "default", "key-a");
            Principal agentB = Principal.agent(spaceB, agent, "default", "key-b");
            Principal aliceB = Principal.human(spaceB, "alice");

            String session = id(call(system.commandSideUri(), signer, agentA, "POST", "/v1/agent/sessions", "{}"));
            String s = "/v1/agent/sessions/" + session;
            String question = id(call(
                    system.commandSideUri(),
                    signer,
                    agentA,
                    "POST",
                    s + "/messages",
                    "{\"encryptedContent\":" + ENVELOPE + ",\"responseRequired\":true}"));
            call(system.commandSideUri(), signer, agentA, "POST", s + "/participants", "{\"userId\":\"alice\"}");
            String token = JSON.readTree(
                            call(system.commandSideUri(), signer, agentA, "POST", s + "/guest-tokens", "{}")
                                    .body())
                    .get("token")
                    .asText();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> call(system.querySideUri(), signer, agentA, "GET", s + "/timeline", null)
                                    .body()
                                    .contains(question)
                            && call(system.querySideUri(), signer, agentA, "GET", s + "/participants", null)
                                    .body()
                                    .contains("alice"));
            String before = call(system.querySideUri(), signer, agentA, "GET", s + "/timeline", null)
                    .body();

            List<Call> agentWrites = List.of(
                    new Call("POST", s + "/messages", "{\"encryptedContent\":" + ENVELOPE + "}"),
                    new Call("PATCH", s + "/messages/" + question, "{\"encryptedContent\":" + ENVELOPE + "}"),
                    new Call("DELETE", s + "/messages/" + question, null),
                    new Call("POST", s + "/acknowledge", "{}"),
                    new Call("POST", s + "/cancel", "{}"),
                    new Call("POST", s + "/participants", "{\"userId\":\"mallory\"}"),
                    new Call("PATCH", s + "/participants/alice", "{\"role\":\"viewer\"}"),
                    new Call("DELETE", s + "/participants/alice", null),
                    new Call("POST", s + "/guest-tokens", "{}"),
                    new Call("POST", s + "/close", "{}"),
                    new Call("POST", s + "/archive", "{}"));
            List<Call> agentReads = List.of(
                    new Call("GET", s, null),
                    new Call("GET", s + "/timeline", null),
                    new Call("GET", s + "/participants", null),
                    new Call("GET", s + "/guest-tokens", null),
                    new Call("GET", s + "/attachments", null),
                    new Call("GET", s + "/await?timeoutMs=10", null));
            String h = "/v1/human/sessions/" + session;
            List<Call> humanWrites = List.of(
                    new Call("POST", h + "/messages", "{\"encryptedContent\":" + ENVELOPE + "}"),
                    new Call(
                            "POST",
                            h + "/messages/" + question + "/respond",
                            "{\"encryptedResponse\":" + ENVELOPE + "}"),
                    new Call("POST", h + "/join", "{\"token\":\"" + token + "\"}"));
            List<Call> humanReads = List.of(new Call("GET", h + "/timeline", null));

            List<String> answers = new ArrayList<>();
            for (Call write : agentWrites) {
                answers.add(answer(system.commandSideUri(), signer, agentB, write));
            }
            for (Call read : agentReads) {
                answers.add(answer(system.querySideUri(), signer, agentB, read));
            }
            for (Call write : humanWrites) {
                answers.add(answer(system.commandSideUri(), signer, aliceB, write));
            }
            for (Call read : humanReads) {
                answers.add(answer(system.querySideUri(), signer, aliceB, read));
            }
            assertThat(answers).allSatisfy(answer -> assertThat(answer).endsWith(" 404"));
            assertThat(answers)
                    .hasSize(agentWrites.size() + agentReads.size() + humanWrites.size() + humanReads.size());

            JsonNode list = JSON.readTree(call(system.querySideUri(), signer, agentB, "GET", "/v1/agent/sessions", null)
                    .body());
            assertThat(list.get("total").asLong()).isZero();
            JsonNode feed = JSON.readTree(call(system.querySideUri(), signer, aliceB, "GET", "/v1/human/feed", null)
                    .body());
            assertThat(feed.get("total").asLong()).isZero();

            // Nothing space B sent changed space A's session.
            JsonNode sessionA = JSON.readTree(
                    call(system.querySideUri(), signer, agentA, "GET", s, null).body());
            assertThat(sessionA.get("status").asText()).isEqualTo("Active");
            assertThat(call(system.querySideUri(), signer, agentA, "GET", s + "/timeline", null)
                            .body())
                    .isEqualTo(before);
        }
    }

    @Test
    void another_space_finds_no_command_invocation_attachment_webhook_or_delivery_of_this_space() throws Exception {
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            PrincipalHeaders signer = new PrincipalHeaders(
                    Base64.getDecoder().decode(system.secrets().principalSecret()),
                    Clock.systemUTC(),
                    Duration.ofMinutes(5));
            UUID spaceA = system.secrets().spaceId();
            UUID spaceB = UUID.randomUUID();
            UUID agent = UUID.randomUUID();
            // Both act with their space's owner key, so that the webhook admin endpoints are theirs to call.
            Principal ownerA = Principal.agent(spaceA, agent, "default", "bootstrap");
            Principal ownerB = Principal.agent(spaceB, agent, "default", "bootstrap");
            Principal aliceA = Principal.human(spaceA, "alice");
            Principal aliceB = Principal.human(spaceB, "alice");
            String commandSide = system.commandSideUri();
            String querySide = system.querySideUri();

            assertThat(call(
                                    commandSide,
                                    signer,
                                    ownerA,
                                    "PUT",
                                    "/v1/agent/commands",
                                    "[{\"name\":\"deploy\",\"description\":\"Deploy\",\"parameters\":{\"type\":\"object\"}}]")
                            .statusCode())
                    .isEqualTo(200);
            String invocation = id(call(
                    commandSide,
                    signer,
                    aliceA,
                    "POST",
                    "/v1/human/invocations",
                    "{\"agentId\":\"" + agent + "\",\"command\":\"deploy\",\"arguments\":{}}"));
            String webhook = id(call(
                    commandSide,
                    signer,
                    ownerA,
                    "POST",
                    "/v1/admin/webhooks",
                    "{\"url\":\"http://127.0.0.1:9/hook\",\"eventTypes\":[\"session.*\"]}"));
            String session = id(call(commandSide, signer, ownerA, "POST", "/v1/agent/sessions", "{}"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> JSON.readTree(call(
                                                    querySide,
                                                    signer,
                                                    ownerA,
                                                    "GET",
                                                    "/v1/agent/webhook-deliveries?limit=10",
                                                    null)
                                            .body())
                                    .get("data")
                                    .size()
                            > 0);
            String delivery = JSON.readTree(
                            call(querySide, signer, ownerA, "GET", "/v1/agent/webhook-deliveries?limit=10", null)
                                    .body())
                    .at("/data/0/id")
                    .asText();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> call(querySide, signer, ownerA, "GET", "/v1/agent/invocations/" + invocation, null)
                                    .statusCode()
                            == 200);

            List<String> answers = new ArrayList<>();
            String w = "/v1/admin/webhooks/" + webhook;
            for (Call write : List.of(
                    new Call("PUT", "/v1/agent/commands", "[]"),
                    new Call(
                            "POST",
                            "/v1/agent/invocations/" + invocation + "/complete",
                            "{\"encryptedResult\":" + ENVELOPE + "}"),
                    new Call("POST", "/v1/agent/invocations/" + invocation + "/fail", "{\"error\":\"no\"}"),
                    new Call("PATCH", w, "{\"enabled\":false}"),
                    new Call("POST", w + "/rotate-secret", "{}"),
                    new Call("POST", w + "/recover", "{\"since\":\"2020-01-01T00:00:00Z\"}"),
                    new Call("DELETE", w, null),
                    new Call("POST", "/v1/agent/webhook-deliveries/" + delivery + "/retry", "{}"))) {
                answers.add(answer(commandSide, signer, ownerB, write));
            }
            for (Call read : List.of(
                    new Call("GET", "/v1/agent/invocations/" + invocation, null),
                    new Call("GET", "/v1/agent/webhook-deliveries/" + delivery, null),
                    new Call("GET", w, null),
                    new Call("GET", w + "/deliveries", null),
                    new Call("GET", w + "/stats", null),
                    new Call("GET", "/v1/agent/sessions/" + session + "/attachments/" + UUID.randomUUID(), null))) {
                answers.add(answer(querySide, signer, ownerB, read));
            }
            answers.add(answer(
                    commandSide,
                    signer,
                    aliceB,
                    new Call(
                            "POST",
                            "/v1/human/invocations",
                            "{\"agentId\":\"" + agent + "\",\"command\":\"deploy\",\"arguments\":{}}")));
            answers.add(answer(
                    commandSide,
                    signer,
                    aliceB,
                    new Call("POST", "/v1/human/invocations/" + invocation + "/cancel", "{}")));
            assertThat(answers).allSatisfy(answer -> assertThat(answer).endsWith(" 404"));

            assertThat(JSON.readTree(call(querySide, signer, ownerB, "GET", "/v1/agent/commands", null)
                            .body()))
                    .isEmpty();
            assertThat(JSON.readTree(call(querySide, signer, ownerB, "GET", "/v1/agent/invocations", null)
                                    .body())
                            .get("total")
                            .asLong())
                    .isZero();
            assertThat(JSON.readTree(call(querySide, signer, ownerB, "GET", "/v1/admin/webhooks", null)
                                    .body())
                            .toString())
                    .doesNotContain(webhook);
            assertThat(JSON.readTree(call(
                                            querySide,
                                            signer,
                                            ownerB,
                                            "GET",
                                            "/v1/agent/webhook-deliveries?limit=10",
                                            null)
                                    .body())
                            .get("data"))
                    .isEmpty();
            // Space A's things are as they were.
            assertThat(JSON.readTree(call(querySide, signer, ownerA, "GET", "/v1/agent/invocations/" + invocation, null)
                                    .body())
                            .get("status")
                            .asText())
                    .isEqualTo("Pending");
            assertThat(JSON.readTree(call(querySide, signer, ownerA, "GET", "/v1/agent/commands", null)
                            .body()))
                    .hasSize(1);
            assertThat(JSON.readTree(call(querySide, signer, ownerA, "GET", w, null)
                                    .body())
                            .get("enabled")
                            .asBoolean())
                    .isTrue();
        }
    }

    private String answer(String service, PrincipalHeaders signer, Principal principal, Call call) throws Exception {
        return call.method() + " " + call.path() + " "
                + call(service, signer, principal, call.method(), call.path(), call.body())
                        .statusCode();
    }

    private HttpResponse<String> call(
            String service, PrincipalHeaders signer, Principal principal, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (Map.Entry<String, String> header : signer.sign(principal).entrySet()) {
            request.header(header.getKey(), header.getValue());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String id(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asText();
    }
}
