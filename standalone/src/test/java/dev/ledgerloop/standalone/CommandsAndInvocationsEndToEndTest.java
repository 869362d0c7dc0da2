package dev.ledgerloop.standalone;

import static dev.ledgerloop.standalone.fixture.Envelopes.envelope;
import static dev.ledgerloop.standalone.fixture.Waits.forTheViews;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.Backends;
import dev.ledgerloop.standalone.fixture.Json;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands and invocations end to end: an agent registers commands and polls invocations through the gateway; a
 * human invokes at the command side itself with a signed human principal, since the gateway does not yet
 * authenticate humans.
 */
class CommandsAndInvocationsEndToEndTest {
    private static final String DEPLOY = "{\"name\":\"deploy\",\"description\":\"Deploy a service to production\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"service\":{\"type\":\"string\"},"
            + "\"version\":{\"type\":\"string\"}},\"required\":[\"service\",\"version\"]}}";
    private static final String PING = "{\"name\":\"ping\",\"parameters\":{\"type\":\"object\"}}";

    @TempDir
    Path data;

    @Test
    void an_agent_registers_commands_a_human_invokes_one_and_the_agent_completes_it() throws Exception {
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            String key = system.secrets().bootstrapKeyOnce();
            UUID space = system.secrets().spaceId();
            UUID agentId = system.secrets().agentId();
            Api agent = Api.gateway(system).withKey(key);
            Api human = commandSide(system, Principal.human(space, "user-1"));
            String invocations = "/v1/human/invocations";

            // The agent registers its commands; a schema that is not JSON Schema is refused.
            Answer registered = agent.put("/v1/agent/commands", "[" + DEPLOY + "," + PING + "]");
            assertThat(registered.status()).isEqualTo(200);
            assertThat(registered.body().at("/0/name").asText()).isEqualTo("deploy");
            Answer invalidSchema =
                    agent.put("/v1/agent/commands", "[{\"name\":\"bad\",\"parameters\":{\"type\":\"objekt\"}}]");
            assertThat(invalidSchema.status()).isEqualTo(400);
            assertThat(invalidSchema.error().get("code").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(invalidSchema.error().get("message").asText())
                    .startsWith("Field '[0].parameters' is not a valid JSON Schema: ");
            assertThat(agent.put("/v1/agent/commands", "[" + PING + "," + PING + "]")
                            .status())
                    .isEqualTo(400);
            forTheViews().untilAsserted(() -> {
                JsonNode listed = agent.get("/v1/agent/commands").body();
                assertThat(listed).hasSize(2);
                assertThat(listed.at("/0/name").asText()).isEqualTo("deploy");
                assertThat(listed.at("/0/parameters"))
                        .isEqualTo(Json.read(DEPLOY).get("parameters"));
                assertThat(listed.at("/1/name").asText()).isEqualTo("ping");
            });

            // A human invokes it with arguments that satisfy the schema.
            String encryptedArguments = envelope();
            Answer invoked = human.post(
                    invocations,
                    "{\"agentId\":\"" + agentId + "\",\"command\":\"deploy\",\"encryptedArguments\":"
                            + encryptedArguments + ",\"arguments\":{\"service\":\"api\",\"version\":\"1.2\"}}");
            assertThat(invoked.status()).isEqualTo(201);
            JsonNode invocation = invoked.body();
            String invocationId = invocation.get("id").asText();
            assertThat(invocation.get("status").asText()).isEqualTo("Pending");
            assertThat(invocation.get("requestedBy").asText()).isEqualTo("user-1");
            assertThat(invocation.get("agentId").asText()).isEqualTo(agentId.toString());
            assertThat(invocation.get("encryptedArguments")).isEqualTo(Json.read(encryptedArguments));

            // Arguments that break the schema, an unknown command or agent, and an agent caller are refused.
            Answer wrongArguments = human.post(
                    invocations,
                    "{\"agentId\":\"" + agentId + "\",\"command\":\"deploy\",\"arguments\":{\"service\":\"api\"}}");
            assertThat(wrongArguments.status()).isEqualTo(400);
            JsonNode wrong = wrongArguments.body();
            assertThat(wrong.fieldNames()).toIterable().containsExactly("error");
            assertThat(wrong.get("error").fieldNames()).toIterable().containsExactly("code", "message");
            assertThat(wrong.at("/error/code").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(wrong.at("/error/message").asText())
                    .startsWith("Field 'arguments' does not match the parameters of command 'deploy': ")
                    .contains("version");
            Answer unknownCommand =
                    human.post(invocations, "{\"agentId\":\"" + agentId + "\",\"command\":\"undeploy\"}");
            assertThat(unknownCommand.status()).isEqualTo(404);
            assertThat(unknownCommand.error().get("code").asText()).isEqualTo("NOT_FOUND");
            assertThat(human.post(invocations, "{\"agentId\":\"" + UUID.randomUUID() + "\",\"command\":\"deploy\"}")
                            .status())
                    .isEqualTo(404);
            // An agent on a human route: the backend answers as the gateway does (CredentialKinds).
            Api agentPrincipal = commandSide(system, Principal.agent(space, agentId, "default", "key"));
            assertThat(agentPrincipal
                            .post(invocations, "{\"agentId\":\"" + agentId + "\",\"command\":\"ping\"}")
                            .status())
                    .isEqualTo(401);

            // The agent polls its pending invocations, completes this one, and cannot complete it twice.
            String pending = "/v1/agent/invocations?status=Pending";
            forTheViews().untilAsserted(() -> assertThat(
                            agent.get(pending).body().at("/data/0/id").asText())
                    .isEqualTo(invocationId));
            JsonNode polled = agent.get(pending).body();
            assertThat(polled.get("total").asLong()).isEqualTo(1);
            assertThat(polled.get("page").asInt()).isEqualTo(1);
            assertThat(polled.get("pageSize").asInt()).isEqualTo(20);
            assertThat(polled.at("/data/0/arguments"))
                    .isEqualTo(Json.read("{\"service\":\"api\",\"version\":\"1.2\"}"));
            assertThat(agent.get("/v1/agent/invocations?pageSize=101").status()).isEqualTo(400);
            assertThat(agent.get("/v1/agent/invocations?status=Done").status()).isEqualTo(400);

            String complete = "/v1/agent/invocations/" + invocationId + "/complete";
            String result = envelope();
            Answer completed = agent.post(complete, "{\"encryptedResult\":" + result + "}");
            assertThat(completed.status()).isEqualTo(200);
            assertThat(completed.body().get("status").asText()).isEqualTo("Completed");
            Answer again = agent.post(complete, "{\"encryptedResult\":" + result + "}");
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.error().get("code").asText()).isEqualTo("CONFLICT");
            assertThat(agent.post("/v1/agent/invocations/" + invocationId + "/fail", "{\"error\":\"too late\"}")
                            .status())
                    .isEqualTo(409);
            // A human on an agent route: the backend answers as the gateway does (CredentialKinds).
            assertThat(human.post(
                                    "/v1/agent/invocations/" + invocationId + "/complete",
                                    "{\"encryptedResult\":" + result + "}")
                            .status())
                    .isEqualTo(401);

            forTheViews().untilAsserted(() -> {
                JsonNode done =
                        agent.get("/v1/agent/invocations/" + invocationId).body();
                assertThat(done.get("status").asText()).isEqualTo("Completed");
                assertThat(done.get("encryptedResult")).isEqualTo(Json.read(result));
                assertThat(done.get("completedAt").asText()).isNotBlank();
            });
            assertThat(agent.get("/v1/agent/invocations?status=Completed")
                            .body()
                            .get("total")
                            .asLong())
                    .isEqualTo(1);

            // Encrypted-only arguments are taken unread; the human who invoked may cancel while it is pending.
            Answer sealedOnly = human.post(
                    invocations,
                    "{\"agentId\":\"" + agentId + "\",\"command\":\"deploy\",\"encryptedArguments\":" + envelope()
                            + "}");
            assertThat(sealedOnly.status()).isEqualTo(201);
            String cancel = invocations + "/" + sealedOnly.body().get("id").asText() + "/cancel";
            Answer cancelled = human.post(cancel, "{}");
            assertThat(cancelled.status()).isEqualTo(200);
            assertThat(cancelled.body().get("status").asText()).isEqualTo("Cancelled");
            assertThat(human.post(cancel, "{}").status()).isEqualTo(409);
            assertThat(commandSide(system, Principal.human(space, "user-2"))
                            .post(cancel, "{}")
                            .status())
                    .isEqualTo(404);
            forTheViews().untilAsserted(() -> assertThat(agent.get("/v1/agent/invocations?status=Cancelled")
                            .body()
                            .get("total")
                            .asLong())
                    .isEqualTo(1));

            // Another space sees none of it.
            UUID otherSpace = UUID.randomUUID();
            Api stranger = commandSide(system, Principal.human(otherSpace, "user-1"));
            Answer fromElsewhere = stranger.post(invocations, "{\"agentId\":\"" + agentId + "\",\"command\":\"ping\"}");
            assertThat(fromElsewhere.status()).isEqualTo(404);
            Backends sameAgentElsewhere =
                    Backends.signedAs(system, Principal.agent(otherSpace, agentId, "default", "key"));
            assertThat(sameAgentElsewhere
                            .querySide()
                            .get("/v1/agent/invocations/" + invocationId)
                            .status())
                    .isEqualTo(404);
            assertThat(sameAgentElsewhere
                            .commandSide()
                            .post("/v1/agent/invocations/" + invocationId + "/fail", "{\"error\":\"x\"}")
                            .status())
                    .isEqualTo(404);
            assertThat(sameAgentElsewhere
                            .querySide()
                            .get("/v1/agent/invocations")
                            .body()
                            .get("total")
                            .asLong())
                    .isZero();
        }
    }

    /** The command side itself, called as the principal the gateway would forward. */
    private static Api commandSide(LedgerloopSystem system, Principal principal) {
        return Backends.signedAs(system, principal).commandSide();
    }
}
