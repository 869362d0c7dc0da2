package dev.ledgerloop.standalone.rebuild;

import static dev.ledgerloop.standalone.fixture.Envelopes.envelope;
import static dev.ledgerloop.standalone.fixture.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.Envelopes;
import dev.ledgerloop.standalone.webhook.WebhookReceiver;
import dev.ledgerloop.standalone.webhook.Webhooks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Real traffic through the gateway that writes every kind of event: sessions and their lifecycle, messages with
 * edits, deletes, answers, acknowledgements, cancels and expiries, participants added, changed and removed, guest
 * tokens issued, used and revoked, attachments, agent commands and invocations completed, failed and cancelled,
 * provisioned agents and revoked keys, and webhook endpoints whose deliveries succeed, fail, are retried and exhaust.
 */
final class Traffic {
    static final String COMMANDS =
            "[{\"name\":\"deploy\",\"description\":\"Deploys\",\"parameters\":{\"type\":\"object\"}},"
                    + "{\"name\":\"ping\",\"parameters\":{\"type\":\"object\"}}]";

    private final LedgerloopSystem system;
    private final WebhookReceiver receiver;
    private final Api owner;
    private String session;

    Traffic(LedgerloopSystem system, WebhookReceiver receiver, Api owner) {
        this.system = system;
        this.receiver = receiver;
        this.owner = owner;
    }

    /**
     * Starts the system as these tests need it: no rate limit, webhook retries within a second, and the backends'
     * settings given.
     */
    static LedgerloopSystem start(java.nio.file.Path data, String... backendSettings) throws Exception {
        List<String> settings = new ArrayList<>(Arrays.asList(Webhooks.SHORT_SCHEDULE));
        settings.addAll(List.of(backendSettings));
        return LedgerloopSystem.start(
                data, 0, Map.of("ledgerloop.gateway.rate-limit.enabled", false), settings.toArray(String[]::new));
    }

    /** Makes the traffic and waits until every webhook delivery has reached its end (delivered or exhausted). */
    void make() throws Exception {
        String agentId = owner.agentId();
        String succeeding = receiver.url("/ok", WebhookReceiver.always(200));
        String flaky = receiver.url("/flaky", WebhookReceiver.failingFirst(2));
        String broken = receiver.url("/broken", WebhookReceiver.always(500));
        String succeedingId = owner.post("/v1/admin/webhooks", Webhooks.endpoint(succeeding, agentId, null))
                .expect(201)
                .id();
        String flakyId = owner.post("/v1/admin/webhooks", Webhooks.endpoint(flaky, null, "a-token"))
                .expect(201)
                .id();
        String brokenId = owner.post("/v1/admin/webhooks", Webhooks.endpoint(broken, agentId, null))
                .expect(201)
                .id();
        String renamed = owner.post("/v1/admin/webhooks", Webhooks.endpoint(succeeding, null, null))
                .expect(201)
                .id();
        owner.patch("/v1/admin/webhooks/" + renamed, "{\"eventTypes\":[\"session.opened\"]}")
                .expect(200);
        owner.post("/v1/admin/webhooks/" + renamed + "/rotate-secret", "{}").expect(200);
        owner.delete("/v1/admin/webhooks/" + renamed).expect(204);

        sessionsWithEverything();
        commandsAndInvocations(agentId);
        agentsAndKeys();

        // Every delivery reaches its end: delivered, after retries for the flaky endpoint, or exhausted.
        for (String endpoint : new String[] {succeedingId, flakyId, brokenId}) {
            patiently().untilAsserted(() -> assertThat(
                            owner.get("/v1/admin/webhooks/" + endpoint + "/deliveries?limit=100")
                                    .expect(200)
                                    .body()
                                    .get("data"))
                    .isNotEmpty()
                    .allSatisfy(delivery ->
                            assertThat(delivery.get("status").asText()).isIn("Succeeded", "Exhausted")));
        }
    }

    /** The session with every kind of item. */
    String session() {
        return session;
    }

    private void sessionsWithEverything() throws Exception {
        session = owner.openSession();
        String path = "/v1/agent/sessions/" + session;
        owner.post(path + "/participants", "{\"userId\":\"alice\",\"role\":\"member\"}")
                .expect(201);
        owner.post(path + "/participants", "{\"userId\":\"bob\",\"role\":\"viewer\"}")
                .expect(201);
        owner.post(path + "/participants", "{\"userId\":\"carol\",\"role\":\"member\"}")
                .expect(201);
        owner.patch(path + "/participants/bob", "{\"role\":\"member\"}").expect(200);
        owner.delete(path + "/participants/carol").expect(204);

        String question = owner.post(path + "/messages", message("High", true, null))
                .expect(201)
                .id();
        human("alice")
                .post(
                        path.replace("/agent/", "/human/") + "/messages/" + question + "/respond",
                        "{\"encryptedResponse\":" + envelope() + "}")
                .expect(201);
        owner.post(path + "/acknowledge", "{}").expect(200);
        String edited = owner.post(path + "/messages", message("Low", true, null))
                .expect(201)
                .id();
        owner.patch(path + "/messages/" + edited, "{\"encryptedContent\":" + envelope() + "}")
                .expect(200);
        owner.post(path + "/cancel", "{}").expect(200);
        String deleted = owner.post(path + "/messages", message("Medium", false, null))
                .expect(201)
                .id();
        owner.delete(path + "/messages/" + deleted).expect(204);
        owner.post(path + "/messages", message("Urgent", true, Instant.now().plusSeconds(1)))
                .expect(201);
        human("bob")
                .post(path.replace("/agent/", "/human/") + "/messages", "{\"encryptedContent\":" + envelope() + "}")
                .expect(201);

        Answer token = owner.post(path + "/guest-tokens", "{\"maxUses\":1}").expect(201);
        human("gina")
                .post(
                        path.replace("/agent/", "/human/") + "/join",
                        "{\"token\":\"" + token.body().get("token").asText() + "\"}")
                .expect(201);
        String revoked = owner.post(path + "/guest-tokens", "{}").expect(201).id();
        owner.delete(path + "/guest-tokens/" + revoked).expect(204);
        owner.upload(path + "/attachments", "report.bin", Envelopes.randomBytes(2_000))
                .expect(201);

        // The question with the short deadline expires (the deadline scheduler sends the command).
        patiently().untilAsserted(() -> assertThat(
                        owner.get(path + "/timeline?pageSize=100").text())
                .contains("\"Expired\""));
        owner.post(path + "/close", "{}").expect(200);

        String archived = owner.openSession();
        owner.post("/v1/agent/sessions/" + archived + "/messages", message("Low", false, null))
                .expect(201);
        owner.post("/v1/agent/sessions/" + archived + "/archive", "{}").expect(200);
    }

    private void commandsAndInvocations(String agentId) throws Exception {
        owner.put("/v1/agent/commands", COMMANDS).expect(200);
        String invocations = "/v1/human/invocations";
        String body =
                "{\"agentId\":\"" + agentId + "\",\"command\":\"ping\",\"encryptedArguments\":" + envelope() + "}";
        String completed = human("alice").post(invocations, body).expect(201).id();
        owner.post("/v1/agent/invocations/" + completed + "/complete", "{\"encryptedResult\":" + envelope() + "}")
                .expect(200);
        String failed = human("alice").post(invocations, body).expect(201).id();
        owner.post("/v1/agent/invocations/" + failed + "/fail", "{\"error\":\"no\"}")
                .expect(200);
        String cancelled = human("alice").post(invocations, body).expect(201).id();
        human("alice").post(invocations + "/" + cancelled + "/cancel", "{}").expect(200);
        owner.put("/v1/agent/commands", "[" + COMMANDS.substring(1, COMMANDS.indexOf("},{") + 1) + "]")
                .expect(200);
    }

    private void agentsAndKeys() throws Exception {
        Api provisioning = Api.gateway(system).withKey(system.secrets().provisioningKeyOnce());
        Answer provisioned = provisioning
                .post("/v1/provision/agents", "{\"name\":\"billing-bot\",\"description\":\"Sends invoices\"}")
                .expect(201);
        String newAgent = provisioned.body().at("/agent/id").asText();
        Api bot = Api.gateway(system).withKey(provisioned.body().get("apiKey").asText());
        patiently().until(() -> bot.get("/v1/agent/sessions").status() == 200);
        bot.openSession();
        provisioning
                .delete("/v1/provision/agents/" + newAgent + "/keys/"
                        + provisioned.body().get("keyId").asText())
                .expect(204);
        Api named = Api.gateway(system).withKey(system.secrets().bootstrapKeyOnce(), "helper-bot");
        named.openSession();
    }

    private Api human(String user) {
        return Api.gateway(system).withToken(system.mintHumanToken(user));
    }

    private static String message(String priority, boolean responseRequired, Instant deadline) {
        return "{\"encryptedContent\":" + envelope() + ",\"priority\":\"" + priority + "\",\"responseRequired\":"
                + responseRequired + (deadline == null ? "" : ",\"deadlineAt\":\"" + deadline + "\"") + "}";
    }
}
