package dev.ledgerloop.standalone;

import static dev.ledgerloop.standalone.fixture.Waits.forTheViews;
import static dev.ledgerloop.standalone.fixture.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.Backends;
import dev.ledgerloop.standalone.fixture.Envelopes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-tenancy (docs/api.md §Authentication): space B — the same agent id, or a human of the same name, signed into
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
            UUID spaceA = system.secrets().spaceId();
            UUID spaceB = UUID.randomUUID();
            UUID agent = UUID.randomUUID();
            Backends agentA = Backends.signedAs(system, Principal.agent(spaceA, agent, "default", "key-a"));
            Backends agentB = Backends.signedAs(system, Principal.agent(spaceB, agent, "default", "key-b"));
            Backends aliceB = Backends.signedAs(system, Principal.human(spaceB, "alice"));

            String session = id(agentA.commandSide().send("POST", "/v1/agent/sessions", "{}"));
            String s = "/v1/agent/sessions/" + session;
            String question = id(agentA.commandSide()
                    .send(
                            "POST",
                            s + "/messages",
                            "{\"encryptedContent\":" + ENVELOPE + ",\"responseRequired\":true}"));
            agentA.commandSide().send("POST", s + "/participants", "{\"userId\":\"alice\"}");
            String token = agentA.commandSide()
                    .send("POST", s + "/guest-tokens", "{}")
                    .body()
                    .get("token")
                    .asText();
            forTheViews()
                    .until(() -> agentA.querySide().get(s + "/timeline").text().contains(question)
                            && agentA.querySide()
                                    .get(s + "/participants")
                                    .text()
                                    .contains("alice"));
            String before = agentA.querySide().get(s + "/timeline").text();

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
                answers.add(answer(agentB.commandSide(), write));
            }
            for (Call read : agentReads) {
                answers.add(answer(agentB.querySide(), read));
            }
            for (Call write : humanWrites) {
                answers.add(answer(aliceB.commandSide(), write));
            }
            for (Call read : humanReads) {
                answers.add(answer(aliceB.querySide(), read));
            }
            assertThat(answers).allSatisfy(answer -> assertThat(answer).endsWith(" 404"));
            assertThat(answers)
                    .hasSize(agentWrites.size() + agentReads.size() + humanWrites.size() + humanReads.size());

            JsonNode list = agentB.querySide().get("/v1/agent/sessions").body();
            assertThat(list.get("total").asLong()).isZero();
            JsonNode feed = aliceB.querySide().get("/v1/human/feed").body();
            assertThat(feed.get("total").asLong()).isZero();

            // Nothing space B sent changed space A's session.
            JsonNode sessionA = agentA.querySide().get(s).body();
            assertThat(sessionA.get("status").asText()).isEqualTo("Active");
            assertThat(agentA.querySide().get(s + "/timeline").text()).isEqualTo(before);
        }
    }

    @Test
    void another_space_finds_no_command_invocation_attachment_webhook_or_delivery_of_this_space() throws Exception {
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            UUID spaceA = system.secrets().spaceId();
            UUID spaceB = UUID.randomUUID();
            UUID agent = UUID.randomUUID();
            // Both act with their space's owner key, so that the webhook admin endpoints are theirs to call.
            Backends ownerA = Backends.signedAs(system, Principal.agent(spaceA, agent, "default", "bootstrap"));
            Backends ownerB = Backends.signedAs(system, Principal.agent(spaceB, agent, "default", "bootstrap"));
            Backends aliceA = Backends.signedAs(system, Principal.human(spaceA, "alice"));
            Backends aliceB = Backends.signedAs(system, Principal.human(spaceB, "alice"));

            assertThat(ownerA.commandSide()
                            .send(
                                    "PUT",
                                    "/v1/agent/commands",
                                    "[{\"name\":\"deploy\",\"description\":\"Deploy\",\"parameters\":{\"type\":\"object\"}}]")
                            .status())
                    .isEqualTo(200);
            String invocation = id(aliceA.commandSide()
                    .send(
                            "POST",
                            "/v1/human/invocations",
                            "{\"agentId\":\"" + agent + "\",\"command\":\"deploy\",\"arguments\":{}}"));
            String webhook = id(ownerA.commandSide()
                    .send(
                            "POST",
                            "/v1/admin/webhooks",
                            "{\"url\":\"http://127.0.0.1:9/hook\",\"eventTypes\":[\"session.*\"]}"));
            String session = id(ownerA.commandSide().send("POST", "/v1/agent/sessions", "{}"));
            patiently()
                    .until(() -> ownerA.querySide()
                                    .get("/v1/agent/webhook-deliveries?limit=10")
                                    .body()
                                    .get("data")
                                    .size()
                            > 0);
            String delivery = ownerA.querySide()
                    .get("/v1/agent/webhook-deliveries?limit=10")
                    .body()
                    .at("/data/0/id")
                    .asText();
            patiently()
                    .until(() -> ownerA.querySide()
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
                answers.add(answer(ownerB.commandSide(), write));
            }
            for (Call read : List.of(
                    new Call("GET", "/v1/agent/invocations/" + invocation, null),
                    new Call("GET", "/v1/agent/webhook-deliveries/" + delivery, null),
                    new Call("GET", w, null),
                    new Call("GET", w + "/deliveries", null),
                    new Call("GET", w + "/stats", null),
                    new Call("GET", "/v1/agent/sessions/" + session + "/attachments/" + UUID.randomUUID(), null))) {
                answers.add(answer(ownerB.querySide(), read));
            }
            answers.add(answer(
                    aliceB.commandSide(),
                    new Call(
                            "POST",
                            "/v1/human/invocations",
                            "{\"agentId\":\"" + agent + "\",\"command\":\"deploy\",\"arguments\":{}}")));
            answers.add(answer(
                    aliceB.commandSide(), new Call("POST", "/v1/human/invocations/" + invocation + "/cancel", "{}")));
            assertThat(answers).allSatisfy(answer -> assertThat(answer).endsWith(" 404"));

            assertThat(ownerB.querySide().get("/v1/agent/commands").body()).isEmpty();
            assertThat(ownerB.querySide()
                            .get("/v1/agent/invocations")
                            .body()
                            .get("total")
                            .asLong())
                    .isZero();
            assertThat(ownerB.querySide().get("/v1/admin/webhooks").body().toString())
                    .doesNotContain(webhook);
            assertThat(ownerB.querySide()
                            .get("/v1/agent/webhook-deliveries?limit=10")
                            .body()
                            .get("data"))
                    .isEmpty();
            // Space A's things are as they were.
            assertThat(ownerA.querySide()
                            .get("/v1/agent/invocations/" + invocation)
                            .body()
                            .get("status")
                            .asText())
                    .isEqualTo("Pending");
            assertThat(ownerA.querySide().get("/v1/agent/commands").body()).hasSize(1);
            assertThat(ownerA.querySide().get(w).body().get("enabled").asBoolean())
                    .isTrue();
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
