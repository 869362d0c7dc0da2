package dev.ledgerloop.standalone.interaction;

import static dev.ledgerloop.standalone.fixture.Envelopes.envelope;
import static dev.ledgerloop.standalone.fixture.Json.fieldNames;
import static dev.ledgerloop.standalone.fixture.Json.ids;
import static dev.ledgerloop.standalone.fixture.Waits.forTheViews;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.standalone.LedgerloopSystem;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The legacy interaction endpoints (docs/api.md §Legacy interactions), black-box over real HTTP through the gateway of
 * the standalone system: an interaction is a session, so a human answers it through the session routes and its
 * events are the session's.
 */
class LegacyInteractionsEndToEndTest {
    private static final String INTERACTIONS = "/v1/agent/interactions";

    @TempDir
    static Path data;

    private static LedgerloopSystem system;
    private static Api agent;
    private static Api otherAgent;
    private static String key;
    private static final Map<String, String> tokens = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        system = LedgerloopSystem.start(data, 0);
        key = system.secrets().bootstrapKeyOnce();
        agent = Api.gateway(system).withKey(key);
        otherAgent = Api.gateway(system).withKey(key, "another-agent");
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void a_human_answers_an_interaction_through_the_session_routes_and_the_agents_await_returns_it() throws Exception {
        String title = envelope();
        String request = envelope();
        Answer created = agent.post(
                INTERACTIONS,
                "{\"type\":\"approval\",\"encryptedTitle\":" + title + ",\"encryptedContent\":" + request
                        + ",\"encryptedComponents\":" + envelope()
                        + ",\"priority\":\"High\",\"deadlineAt\":\"2030-01-01T00:00:00Z\",\"referenceId\":\"tool_1\"}");
        assertThat(created.status()).as("create answered %s", created).isEqualTo(201);
        JsonNode interaction = created.body();
        assertThat(fieldNames(interaction))
                .containsExactlyInAnyOrder(
                        "id",
                        "type",
                        "status",
                        "agentId",
                        "encryptedTitle",
                        "requestMessageId",
                        "encryptedContent",
                        "encryptedComponents",
                        "priority",
                        "deadlineAt",
                        "referenceId",
                        "response",
                        "sessionStatus",
                        "createdAt",
                        "updatedAt");
        assertThat(interaction.get("status").asText()).isEqualTo("pending");
        assertThat(interaction.get("type").asText()).isEqualTo("approval");
        assertThat(interaction.get("priority").asText()).isEqualTo("High");
        assertThat(interaction.get("deadlineAt").asText()).isEqualTo("2030-01-01T00:00:00.000Z");
        assertThat(interaction.get("encryptedContent")).isEqualTo(Json.read(request));
        String id = interaction.get("id").asText();
        String requestId = interaction.get("requestMessageId").asText();
        String path = INTERACTIONS + "/" + id;

        // The interaction is a session: the session routes see it, and the human answers there.
        forTheViews().untilAsserted(() -> assertThat(
                        agent.get("/v1/agent/sessions/" + id).status())
                .isEqualTo(200));
        assertThat(agent.get("/v1/agent/sessions/" + id)
                        .body()
                        .get("interactionType")
                        .asText())
                .isEqualTo("approval");
        agent.post("/v1/agent/sessions/" + id + "/participants", "{\"userId\":\"alice\"}")
                .expect(201);
        forTheViews().untilAsserted(() -> assertThat(agent.get(path).status()).isEqualTo(200));
        assertThat(agent.get(path + "/await?timeoutMs=50").status()).isEqualTo(204);
        assertThat(ids(human("alice").get("/v1/human/feed").data())).contains(requestId);

        CompletableFuture<Answer> awaiting = agent.sendAsync("GET", path + "/await?timeoutMs=30000", null);
        human("alice")
                .post(
                        "/v1/human/sessions/" + id + "/messages/" + requestId + "/respond",
                        "{\"encryptedResponse\":" + envelope() + "}")
                .expect(201);
        Answer answered = awaiting.get();
        assertThat(answered.status()).as("await answered %s", answered).isEqualTo(200);
        assertThat(answered.body().get("status").asText()).isEqualTo("responded");
        assertThat(answered.body().at("/response/userId").asText()).isEqualTo("alice");
        assertThat(answered.body().at("/response/messageId").asText()).isEqualTo(requestId);
        // The session await waits for the same answer.
        assertThat(agent.get("/v1/agent/sessions/" + id + "/await?timeoutMs=0")
                        .body()
                        .get("userId")
                        .asText())
                .isEqualTo("alice");

        // Answered: no longer cancellable; acknowledged once.
        assertError(agent.post(path + "/cancel", "{}"), 409, "CONFLICT");
        Answer acknowledged = agent.post(path + "/acknowledge", "{}");
        assertThat(acknowledged.status()).isEqualTo(200);
        assertThat(acknowledged.body().get("status").asText()).isEqualTo("acknowledged");
        assertThat(acknowledged.body().get("requestMessageId").asText()).isEqualTo(requestId);
        assertError(agent.post(path + "/acknowledge", "{}"), 409, "CONFLICT");
        forTheViews().untilAsserted(() -> assertThat(
                        agent.get(path).body().get("status").asText())
                .isEqualTo("acknowledged"));

        // Its events are the session's, in the session's audit routes.
        forTheViews().untilAsserted(() -> {
            List<String> types = new ArrayList<>();
            agent.get("/v1/admin/sessions/" + id + "/events?pageSize=100")
                    .expect(200)
                    .data()
                    .forEach(event -> types.add(event.get("type").asText()));
            assertThat(types)
                    .containsSubsequence(
                            "SessionOpened",
                            "MessageSent",
                            "ParticipantAdded",
                            "ResponseSubmitted",
                            "InteractionAcknowledged");
        });
        assertThat(agent.get("/v1/admin/sessions/" + id + "/history").status()).isEqualTo(200);
    }

    @Test
    void messages_and_blocks_go_into_the_interactions_session_and_a_pending_interaction_cancels() throws Exception {
        String id =
                create("{\"encryptedContent\":" + envelope() + "}").get("id").asText();
        String path = INTERACTIONS + "/" + id;

        Answer message = agent.post(path + "/messages", "{\"encryptedContent\":" + envelope() + "}");
        assertThat(message.status()).isEqualTo(201);
        assertThat(message.body().get("sessionId").asText()).isEqualTo(id);
        assertThat(message.body().get("status").asText()).isEqualTo("Completed");
        String blocks = envelope();
        Answer pushed = agent.post(
                path + "/blocks", "{\"encryptedBlocks\":" + blocks + ",\"encryptedContent\":" + envelope() + "}");
        assertThat(pushed.status()).isEqualTo(201);
        assertThat(pushed.body().get("encryptedComponents")).isEqualTo(Json.read(blocks));
        assertThat(pushed.body().get("responseRequired").asBoolean()).isFalse();

        forTheViews().untilAsserted(() -> {
            Answer listed = agent.get(path + "/messages");
            assertThat(listed.status()).isEqualTo(200);
            assertThat(ids(listed.data()))
                    .containsExactly(
                            agent.get(path).body().get("requestMessageId").asText(),
                            message.body().get("id").asText(),
                            pushed.body().get("id").asText());
            assertThat(listed.body().get("total").asLong()).isEqualTo(3);
        });

        CompletableFuture<Answer> awaiting = agent.sendAsync("GET", path + "/await?timeoutMs=30000", null);
        Answer cancelled = agent.post(path + "/cancel", "{}");
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().get("status").asText()).isEqualTo("cancelled");
        Answer woken = awaiting.get();
        assertThat(woken.status()).isEqualTo(200);
        assertThat(woken.body().get("status").asText()).isEqualTo("cancelled");
        assertError(agent.post(path + "/cancel", "{}"), 409, "CONFLICT");
        assertError(agent.post(path + "/acknowledge", "{}"), 409, "CONFLICT");
        assertThat(agent.get(path).body().get("type").asText()).isEqualTo("approval");
    }

    @Test
    void an_interaction_unanswered_by_its_deadline_expires_and_its_await_says_so() throws Exception {
        String id = create("{\"type\":\"input\",\"encryptedContent\":" + envelope() + ",\"deadlineAt\":\""
                        + Instant.now().plusSeconds(2) + "\"}")
                .get("id")
                .asText();
        String path = INTERACTIONS + "/" + id;
        forTheViews().untilAsserted(() -> assertThat(agent.get(path).status()).isEqualTo(200));

        Answer expired = agent.get(path + "/await?timeoutMs=30000");
        assertThat(expired.status()).as("await answered %s", expired).isEqualTo(200);
        assertThat(expired.body().get("status").asText()).isEqualTo("expired");
        assertThat(expired.body().get("response").isNull()).isTrue();
        assertError(agent.post(path + "/cancel", "{}"), 409, "CONFLICT").contains("expired");
    }

    @Test
    void the_list_pages_the_agents_interactions_only() throws Exception {
        Api lister = Api.gateway(system).withKey(key, "lister");
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(lister.post(INTERACTIONS, "{\"type\":\"choice\",\"encryptedContent\":" + envelope() + "}")
                    .expect(201)
                    .id());
        }
        lister.openSession();

        forTheViews().untilAsserted(() -> {
            Answer first = lister.get(INTERACTIONS + "?page=1&pageSize=2");
            assertThat(first.status()).isEqualTo(200);
            assertThat(fieldNames(first.body())).containsExactlyInAnyOrder("data", "total", "page", "pageSize");
            assertThat(first.body().get("total").asLong()).isEqualTo(3);
            assertThat(first.body().get("page").asInt()).isEqualTo(1);
            assertThat(first.body().get("pageSize").asInt()).isEqualTo(2);
            assertThat(ids(first.data())).containsExactly(made.get(2), made.get(1));
            assertThat(ids(lister.get(INTERACTIONS + "?page=2&pageSize=2").data()))
                    .containsExactly(made.get(0));
        });
        assertError(lister.get(INTERACTIONS + "?pageSize=101"), 400, "VALIDATION_ERROR");
        assertThat(lister.get(INTERACTIONS).data())
                .allSatisfy(item -> assertThat(item.get("type").asText()).isEqualTo("choice"));
    }

    @Test
    void bad_input_answers_the_documented_refusals() throws Exception {
        String id =
                create("{\"encryptedContent\":" + envelope() + "}").get("id").asText();
        String path = INTERACTIONS + "/" + id;
        String unknown = INTERACTIONS + "/" + UUID.randomUUID();
        forTheViews().untilAsserted(() -> assertThat(agent.get(path).status()).isEqualTo(200));

        assertError(agent.post(INTERACTIONS, "{}"), 400, "VALIDATION_ERROR").contains("encryptedContent");
        assertError(
                        agent.post(INTERACTIONS, "{\"encryptedContent\":" + envelope() + ",\"priority\":\"Soon\"}"),
                        400,
                        "VALIDATION_ERROR")
                .contains("priority");
        assertError(
                        agent.post(INTERACTIONS, "{\"encryptedContent\":" + envelope() + ",\"type\":\"no spaces\"}"),
                        400,
                        "VALIDATION_ERROR")
                .contains("type");
        assertError(agent.post(INTERACTIONS, "{\"encryptedContent\":{\"v\":2}}"), 400, "VALIDATION_ERROR")
                .contains("encryptedContent");
        assertError(agent.post(INTERACTIONS, "[]"), 400, "VALIDATION_ERROR");
        assertError(agent.post(path + "/blocks", "{\"encryptedContent\":" + envelope() + "}"), 400, "VALIDATION_ERROR")
                .contains("encryptedBlocks");
        assertError(agent.post(path + "/messages", "{}"), 400, "VALIDATION_ERROR")
                .contains("encryptedContent");
        assertError(agent.get(path + "/await?timeoutMs=-1"), 400, "VALIDATION_ERROR")
                .contains("timeoutMs");

        assertError(agent.get(unknown), 404, "NOT_FOUND");
        assertError(agent.get(unknown + "/await?timeoutMs=0"), 404, "NOT_FOUND");
        assertError(agent.get(unknown + "/messages"), 404, "NOT_FOUND");
        assertError(agent.post(unknown + "/cancel", "{}"), 404, "NOT_FOUND");
        assertError(agent.post(unknown + "/acknowledge", "{}"), 404, "NOT_FOUND");
        assertError(agent.post(unknown + "/messages", "{\"encryptedContent\":" + envelope() + "}"), 404, "NOT_FOUND");
        assertError(agent.get(INTERACTIONS + "/not-a-uuid"), 404, "NOT_FOUND");

        assertError(otherAgent.get(path), 404, "NOT_FOUND");
        assertError(otherAgent.get(path + "/messages"), 404, "NOT_FOUND");
        assertError(otherAgent.post(path + "/cancel", "{}"), 404, "NOT_FOUND");
        assertError(otherAgent.post(path + "/messages", "{\"encryptedContent\":" + envelope() + "}"), 404, "NOT_FOUND");

        // A plain session is no interaction.
        String plain = agent.openSession();
        forTheViews().untilAsserted(() -> assertThat(
                        agent.get("/v1/agent/sessions/" + plain).status())
                .isEqualTo(200));
        assertError(agent.get(INTERACTIONS + "/" + plain), 404, "NOT_FOUND");
        assertError(agent.post(INTERACTIONS + "/" + plain + "/cancel", "{}"), 404, "NOT_FOUND");
        assertError(
                agent.post(INTERACTIONS + "/" + plain + "/messages", "{\"encryptedContent\":" + envelope() + "}"),
                404,
                "NOT_FOUND");
        assertThat(human("bob").get(INTERACTIONS).status()).isEqualTo(401);
    }

    private static JsonNode create(String body) throws Exception {
        Answer created = agent.post(INTERACTIONS, body);
        assertThat(created.status()).as("create answered %s", created).isEqualTo(201);
        return created.body();
    }

    private static org.assertj.core.api.AbstractStringAssert<?> assertError(Answer answer, int status, String code) {
        assertThat(answer.status()).as("answered %s", answer).isEqualTo(status);
        assertThat(answer.error().get("code").asText())
                .as("answered %s", answer)
                .isEqualTo(code);
        return assertThat(answer.error().get("message").asText());
    }

    private static Api human(String user) {
        return Api.gateway(system).withToken(tokens.computeIfAbsent(user, system::mintHumanToken));
    }
}
