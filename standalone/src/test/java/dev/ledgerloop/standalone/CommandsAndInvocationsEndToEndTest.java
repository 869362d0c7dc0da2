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
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands and invocations end to end: an agent registers commands and polls invocations through the gateway; a
 * human invokes at the command side itself with a signed human principal, since the gateway does not yet
 * authenticate humans.
 */
class CommandsAndInvocationsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String DEPLOY = "{\"name\":\"deploy\",\"description\":\"Deploy a service to production\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"service\":{\"type\":\"string\"},"
            + "\"version\":{\"type\":\"string\"}},\"required\":[\"service\",\"version\"]}}";
    private static final String PING = "{\"name\":\"ping\",\"parameters\":{\"type\":\"object\"}}";

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void an_agent_registers_commands_a_human_invokes_one_and_the_agent_completes_it() throws Exception {
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            String key = system.secrets().bootstrapKeyOnce();
            UUID space = system.secrets().spaceId();
            UUID agentId = system.secrets().agentId();
            String base = "http://localhost:" + system.gatewayPort();
            PrincipalHeaders signer = new PrincipalHeaders(
                    Base64.getDecoder().decode(system.secrets().principalSecret()),
                    Clock.systemUTC(),
                    Duration.ofMinutes(5));
            Map<String, String> human = signer.sign(Principal.human(space, "user-1"));
            String invocations = system.commandSideUri() + "/v1/human/invocations";

            // The agent registers its commands; a schema that is not JSON Schema is refused.
            HttpResponse<String> registered =
                    send("PUT", base + "/v1/agent/commands", apiKey(key), "[" + DEPLOY + "," + PING + "]");
            assertThat(registered.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(registered.body()).at("/0/name").asText()).isEqualTo("deploy");
            HttpResponse<String> invalidSchema = send(
                    "PUT",
                    base + "/v1/agent/commands",
                    apiKey(key),
                    "[{\"name\":\"bad\",\"parameters\":{\"type\":\"objekt\"}}]");
            assertThat(invalidSchema.statusCode()).isEqualTo(400);
            assertThat(errorOf(invalidSchema).get("code").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(errorOf(invalidSchema).get("message").asText())
                    .startsWith("Field '[0].parameters' is not a valid JSON Schema: ");
            assertThat(send("PUT", base + "/v1/agent/commands", apiKey(key), "[" + PING + "," + PING + "]")
                            .statusCode())
                    .isEqualTo(400);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode listed = JSON.readTree(
                        get(base + "/v1/agent/commands", apiKey(key)).body());
                assertThat(listed).hasSize(2);
                assertThat(listed.at("/0/name").asText()).isEqualTo("deploy");
                assertThat(listed.at("/0/parameters"))
                        .isEqualTo(JSON.readTree(DEPLOY).get("parameters"));
                assertThat(listed.at("/1/name").asText()).isEqualTo("ping");
            });

            // A human invokes it with arguments that satisfy the schema.
            String encryptedArguments = envelope();
            HttpResponse<String> invoked = send(
                    "POST",
                    invocations,
                    human,
                    "{\"agentId\":\"" + agentId + "\",\"command\":\"deploy\",\"encryptedArguments\":"
                            + encryptedArguments + ",\"arguments\":{\"service\":\"api\",\"version\":\"1.2\"}}");
            assertThat(invoked.statusCode()).isEqualTo(201);
            JsonNode invocation = JSON.readTree(invoked.body());
            String invocationId = invocation.get("id").asText();
            assertThat(invocation.get("status").asText()).isEqualTo("Pending");
            assertThat(invocation.get("requestedBy").asText()).isEqualTo("user-1");
            assertThat(invocation.get("agentId").asText()).isEqualTo(agentId.toString());
            assertThat(invocation.get("encryptedArguments")).isEqualTo(JSON.readTree(encryptedArguments));

            // Arguments that break the schema, an unknown command or agent, and an agent caller are refused.
            HttpResponse<String> wrongArguments = send(
                    "POST",
                    invocations,
                    human,
                    "{\"agentId\":\"" + agentId + "\",\"command\":\"deploy\",\"arguments\":{\"service\":\"api\"}}");
            assertThat(wrongArguments.statusCode()).isEqualTo(400);
            JsonNode wrong = JSON.readTree(wrongArguments.body());
            assertThat(wrong.fieldNames()).toIterable().containsExactly("error");
            assertThat(wrong.get("error").fieldNames()).toIterable().containsExactly("code", "message");
            assertThat(wrong.at("/error/code").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(wrong.at("/error/message").asText())
                    .startsWith("Field 'arguments' does not match the parameters of command 'deploy': ")
                    .contains("version");
            HttpResponse<String> unknownCommand =
                    send("POST", invocations, human, "{\"agentId\":\"" + agentId + "\",\"command\":\"undeploy\"}");
            assertThat(unknownCommand.statusCode()).isEqualTo(404);
            assertThat(errorOf(unknownCommand).get("code").asText()).isEqualTo("NOT_FOUND");
            assertThat(send(
                                    "POST",
                                    invocations,
                                    human,
                                    "{\"agentId\":\"" + UUID.randomUUID() + "\",\"command\":\"deploy\"}")
                            .statusCode())
                    .isEqualTo(404);
            Map<String, String> agentPrincipal = signer.sign(Principal.agent(space, agentId, "default", "key"));
            assertThat(send(
                                    "POST",
                                    invocations,
                                    agentPrincipal,
                                    "{\"agentId\":\"" + agentId + "\",\"command\":\"ping\"}")
                            .statusCode())
                    .isEqualTo(403);

            // The agent polls its pending invocations, completes this one, and cannot complete it twice.
            String pending = base + "/v1/agent/invocations?status=Pending";
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                            JSON.readTree(get(pending, apiKey(key)).body())
                                    .at("/data/0/id")
                                    .asText())
                    .isEqualTo(invocationId));
            JsonNode polled = JSON.readTree(get(pending, apiKey(key)).body());
            assertThat(polled.get("total").asLong()).isEqualTo(1);
            assertThat(polled.get("page").asInt()).isEqualTo(1);
            assertThat(polled.get("pageSize").asInt()).isEqualTo(20);
            assertThat(polled.at("/data/0/arguments"))
                    .isEqualTo(JSON.readTree("{\"service\":\"api\",\"version\":\"1.2\"}"));
            assertThat(get(base + "/v1/agent/invocations?pageSize=101", apiKey(key))
                            .statusCode())
                    .isEqualTo(400);
            assertThat(get(base + "/v1/agent/invocations?status=Done", apiKey(key))
                            .statusCode())
                    .isEqualTo(400);

            String complete = base + "/v1/agent/invocations/" + invocationId + "/complete";
            String result = envelope();
            HttpResponse<String> completed =
                    send("POST", complete, apiKey(key), "{\"encryptedResult\":" + result + "}");
            assertThat(completed.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(completed.body()).get("status").asText()).isEqualTo("Completed");
            HttpResponse<String> again = send("POST", complete, apiKey(key), "{\"encryptedResult\":" + result + "}");
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(errorOf(again).get("code").asText()).isEqualTo("CONFLICT");
            assertThat(send(
                                    "POST",
                                    base + "/v1/agent/invocations/" + invocationId + "/fail",
                                    apiKey(key),
                                    "{\"error\":\"too late\"}")
                            .statusCode())
                    .isEqualTo(409);
            assertThat(send(
                                    "POST",
                                    system.commandSideUri() + "/v1/agent/invocations/" + invocationId + "/complete",
                                    human,
                                    "{\"encryptedResult\":" + result + "}")
                            .statusCode())
                    .isEqualTo(403);

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode done = JSON.readTree(get(base + "/v1/agent/invocations/" + invocationId, apiKey(key))
                        .body());
                assertThat(done.get("status").asText()).isEqualTo("Completed");
                assertThat(done.get("encryptedResult")).isEqualTo(JSON.readTree(result));
                assertThat(done.get("completedAt").asText()).isNotBlank();
            });
            assertThat(JSON.readTree(get(base + "/v1/agent/invocations?status=Completed", apiKey(key))
                                    .body())
                            .get("total")
                            .asLong())
                    .isEqualTo(1);

            // Encrypted-only arguments are taken unread; the human who invoked may cancel while it is pending.
            HttpResponse<String> sealedOnly = send(
                    "POST",
                    invocations,
                    human,
                    "{\"agentId\":\"" + agentId + "\",\"command\":\"deploy\",\"encryptedArguments\":" + envelope()
                            + "}");
            assertThat(sealedOnly.statusCode()).isEqualTo(201);
            String cancel = invocations + "/"
                    + JSON.readTree(sealedOnly.body()).get("id").asText() + "/cancel";
            HttpResponse<String> cancelled = send("POST", cancel, human, "{}");
            assertThat(cancelled.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(cancelled.body()).get("status").asText()).isEqualTo("Cancelled");
            assertThat(send("POST", cancel, human, "{}").statusCode()).isEqualTo(409);
            assertThat(send("POST", cancel, signer.sign(Principal.human(space, "user-2")), "{}")
                            .statusCode())
                    .isEqualTo(404);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                            JSON.readTree(get(base + "/v1/agent/invocations?status=Cancelled", apiKey(key))
                                            .body())
                                    .get("total")
                                    .asLong())
                    .isEqualTo(1));

            // Another space sees none of it.
            UUID otherSpace = UUID.randomUUID();
            Map<String, String> stranger = signer.sign(Principal.human(otherSpace, "user-1"));
            HttpResponse<String> fromElsewhere =
                    send("POST", invocations, stranger, "{\"agentId\":\"" + agentId + "\",\"command\":\"ping\"}");
            assertThat(fromElsewhere.statusCode()).isEqualTo(404);
            Map<String, String> sameAgentElsewhere =
                    signer.sign(Principal.agent(otherSpace, agentId, "default", "key"));
            assertThat(get(system.querySideUri() + "/v1/agent/invocations/" + invocationId, sameAgentElsewhere)
                            .statusCode())
                    .isEqualTo(404);
            assertThat(send(
                                    "POST",
                                    system.commandSideUri() + "/v1/agent/invocations/" + invocationId + "/fail",
                                    sameAgentElsewhere,
                                    "{\"error\":\"x\"}")
                            .statusCode())
                    .isEqualTo(404);
            assertThat(JSON.readTree(get(system.querySideUri() + "/v1/agent/invocations", sameAgentElsewhere)
                                    .body())
                            .get("total")
                            .asLong())
                    .isZero();
        }
    }

    private static JsonNode errorOf(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).get("error");
    }

    private static Map<String, String> apiKey(String key) {
        return Map.of("X-API-Key", key);
    }

    private HttpResponse<String> send(String method, String url, Map<String, String> headers, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A well-formed end-to-end envelope (API.md): the server checks its shape and never decrypts it. */
    private static String envelope() {
        return "{\"v\":1,\"alg\":\"X25519-HKDF-SHA256-A256GCM\",\"ciphertext\":\"" + base64(12 + 40 + 16)
                + "\",\"wrappings\":[{\"kid\":\"human-1\",\"epk\":\"" + base64(32) + "\",\"wrappedKey\":\""
                + base64(60) + "\"}]}";
    }

    private static String base64(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }
}
