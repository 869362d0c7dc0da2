package dev.ledgerloop.standalone;

import static dev.ledgerloop.standalone.fixture.Waits.forTheViews;
import static dev.ledgerloop.standalone.fixture.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.platform.principal.PrincipalHeaders;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.Envelopes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    private static final String ENVELOPE = Envelopes.envelope();

    @TempDir
    Path data;

    private record Call(String method, String path, String body) {}

    @Test
    void another_space_finds_nothing_of_this_space_through_any_endpoint() throws Exception {
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            PrincipalHeaders signer = Api.principalSigner(system);
            UUID spaceA = system.secrets().spaceId();
            UUID spaceB = UUID.randomUUID();
            UUID agent = UUID.randomUUID();
            Principal agentA = Principal.agent(spaceA, agent, "default", "key-a");
            Principal agentB = Principal.agent(spaceB, agent, "default", "key-b");
            Principal aliceB = Principal.human(spaceB, "alice");
            Api commandSide = Api.at(system.commandSideUri());
            Api querySide = Api.at(system.querySideUri());
            Api commandAgentA = commandSide.signedAs(signer, agentA);
            Api queryAgentA = querySide.signedAs(signer, agentA);
            Api commandAgentB = commandSide.signedAs(signer, agentB);
            Api queryAgentB = querySide.signedAs(signer, agentB);
            Api commandAliceB = commandSide.signedAs(signer, aliceB);
            Api queryAliceB = querySide.signedAs(signer, aliceB);

            String session = id(commandAgentA.send("POST", "/v1/agent/sessions", "{}"));
            String s = "/v1/agent/sessions/" + session;
            String question = id(commandAgentA.send(
                    "POST", s + "/messages", "{\"encryptedContent\":" + ENVELOPE + ",\"responseRequired\":true}"));
            commandAgentA.send("POST", s + "/participants", "{\"userId\":\"alice\"}");
            String token = commandAgentA
                    .send("POST", s + "/guest-tokens", "{}")
                    .body()
                    .get("token")
                    .asText();
            forTheViews()
                    .until(() -> queryAgentA.get(s + "/timeline").text().contains(question)
                            && queryAgentA.get(s + "/participants").text().contains("alice"));
            String before = queryAgentA.get(s + "/timeline").text();

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
                answers.add(answer(commandAgentB, write));
            }
            for (Call read : agentReads) {
                answers.add(answer(queryAgentB, read));
            }
            for (Call write : humanWrites) {
                answers.add(answer(commandAliceB, write));
            }
            for (Call read : humanReads) {
                answers.add(answer(queryAliceB, read));
            }
            assertThat(answers).allSatisfy(answer -> assertThat(answer).endsWith(" 404"));
            assertThat(answers)
                    .hasSize(agentWrites.size() + agentReads.size() + humanWrites.size() + humanReads.size());

            JsonNode list = queryAgentB.get("/v1/agent/sessions").body();
            assertThat(list.get("total").asLong()).isZero();
            JsonNode feed = queryAliceB.get("/v1/human/feed").body();
            assertThat(feed.get("total").asLong()).isZero();

            // Nothing space B sent changed space A's session.
            JsonNode sessionA = queryAgentA.get(s).body();
            assertThat(sessionA.get("status").asText()).isEqualTo("Active");
            assertThat(queryAgentA.get(s + "/timeline").text()).isEqualTo(before);
        }
    }

    @Test
    void another_space_finds_no_command_invocation_attachment_webhook_or_delivery_of_this_space() throws Exception {
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            PrincipalHeaders signer = Api.principalSigner(system);
            UUID spaceA = system.secrets().spaceId();
            UUID spaceB = UUID.randomUUID();
            UUID agent = UUID.randomUUID();
            // Both act with their space's owner key, so that the webhook admin endpoints are theirs to call.
            Principal ownerA = Principal.agent(spaceA, agent, "default", "bootstrap");
            Principal ownerB = Principal.agent(spaceB, agent, "default", "bootstrap");
            Principal aliceA = Principal.human(spaceA, "alice");
            Principal aliceB = Principal.human(spaceB, "alice");
            Api commandSide = Api.at(system.commandSideUri());
            Api querySide = Api.at(system.querySideUri());
            Api commandOwnerA = commandSide.signedAs(signer, ownerA);
            Api queryOwnerA = querySide.signedAs(signer, ownerA);
            Api commandOwnerB = commandSide.signedAs(signer, ownerB);
            Api queryOwnerB = querySide.signedAs(signer, ownerB);
            Api commandAliceA = commandSide.signedAs(signer, aliceA);
            Api commandAliceB = commandSide.signedAs(signer, aliceB);

            assertThat(commandOwnerA
                            .send(
                                    "PUT",
                                    "/v1/agent/commands",
                                    "[{\"name\":\"deploy\",\"description\":\"Deploy\",\"parameters\":{\"type\":\"object\"}}]")
                            .status())
                    .isEqualTo(200);
            String invocation = id(commandAliceA.send(
                    "POST",
                    "/v1/human/invocations",
                    "{\"agentId\":\"" + agent + "\",\"command\":\"deploy\",\"arguments\":{}}"));
            String webhook = id(commandOwnerA.send(
                    "POST",
                    "/v1/admin/webhooks",
                    "{\"url\":\"http://127.0.0.1:9/hook\",\"eventTypes\":[\"session.*\"]}"));
            String session = id(commandOwnerA.send("POST", "/v1/agent/sessions", "{}"));
            patiently()
                    .until(() -> queryOwnerA
                                    .get("/v1/agent/webhook-deliveries?limit=10")
                                    .body()
                                    .get("data")
                                    .size()
                            > 0);
            String delivery = queryOwnerA
                    .get("/v1/agent/webhook-deliveries?limit=10")
                    .body()
                    .at("/data/0/id")
                    .asText();
            patiently()
                    .until(() -> queryOwnerA
                                    .get("/v1/agent/invocations/" + invocation)
                                    .status()
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
                answers.add(answer(commandOwnerB, write));
            }
            for (Call read : List.of(
                    new Call("GET", "/v1/agent/invocations/" + invocation, null),
                    new Call("GET", "/v1/agent/webhook-deliveries/" + delivery, null),
                    new Call("GET", w, null),
                    new Call("GET", w + "/deliveries", null),
                    new Call("GET", w + "/stats", null),
                    new Call("GET", "/v1/agent/sessions/" + session + "/attachments/" + UUID.randomUUID(), null))) {
                answers.add(answer(queryOwnerB, read));
            }
            answers.add(answer(
                    commandAliceB,
                    new Call(
                            "POST",
                            "/v1/human/invocations",
                            "{\"agentId\":\"" + agent + "\",\"command\":\"deploy\",\"arguments\":{}}")));
            answers.add(
                    answer(commandAliceB, new Call("POST", "/v1/human/invocations/" + invocation + "/cancel", "{}")));
            assertThat(answers).allSatisfy(answer -> assertThat(answer).endsWith(" 404"));

            assertThat(queryOwnerB.get("/v1/agent/commands").body()).isEmpty();
            assertThat(queryOwnerB
                            .get("/v1/agent/invocations")
                            .body()
                            .get("total")
                            .asLong())
                    .isZero();
            assertThat(queryOwnerB.get("/v1/admin/webhooks").body().toString()).doesNotContain(webhook);
            assertThat(queryOwnerB
                            .get("/v1/agent/webhook-deliveries?limit=10")
                            .body()
                            .get("data"))
                    .isEmpty();
            // Space A's things are as they were.
            assertThat(queryOwnerA
                            .get("/v1/agent/invocations/" + invocation)
                            .body()
                            .get("status")
                            .asText())
                    .isEqualTo("Pending");
            assertThat(queryOwnerA.get("/v1/agent/commands").body()).hasSize(1);
            assertThat(queryOwnerA.get(w).body().get("enabled").asBoolean()).isTrue();
        }
    }

    /** "METHOD path status" of a call, so that a failure names the call. */
    private static String answer(Api api, Call call) throws Exception {
        return call.method() + " " + call.path() + " "
                + api.send(call.method(), call.path(), call.body()).status();
    }

    private static String id(Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        return answer.id();
    }
}
