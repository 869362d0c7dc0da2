package dev.ledgerloop.standalone;

import static dev.ledgerloop.standalone.fixture.Envelopes.envelope;
import static dev.ledgerloop.standalone.fixture.Waits.forTheViews;
import static org.assertj.core.api.Assertions.assertThat;

import com.eventstore.dbclient.RecordedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ledgerloop.events.chain.ChainEntry;
import dev.ledgerloop.events.chain.ChainVerifier;
import dev.ledgerloop.standalone.fixture.Answer;
import dev.ledgerloop.standalone.fixture.Api;
import dev.ledgerloop.standalone.fixture.EventLog;
import dev.ledgerloop.standalone.fixture.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton end to end: the standalone system in-process, driven over real HTTP through the gateway,
 * the raw log checked with the plain EventStoreDB client, and a restart on the same data.
 */
class WalkingSkeletonEndToEndTest {
    private static final String API_TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @TempDir
    Path data;

    @Test
    void a_message_goes_from_the_api_into_the_encrypted_log_and_back_out_as_a_timeline() throws Exception {
        String key;
        String sessionId;
        String title = envelope();
        String firstContent = envelope();
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            key = system.secrets().bootstrapKeyOnce();
            Api gateway = Api.gateway(system);
            Api agent = gateway.withKey(key);

            Answer created = agent.post("/v1/agent/sessions", "{\"encryptedTitle\":" + title + "}");
            assertThat(created.status()).isEqualTo(201);
            JsonNode session = created.body();
            sessionId = session.get("id").asText();
            assertThat(session.get("status").asText()).isEqualTo("Active");
            assertThat(session.get("isPublic").asBoolean()).isFalse();
            assertThat(session.get("encryptedTitle")).isEqualTo(Json.read(title));
            assertThat(session.get("createdAt").asText()).matches(API_TIMESTAMP);

            String messages = "/v1/agent/sessions/" + sessionId + "/messages";
            Answer sent = agent.post(messages, "{\"encryptedContent\":" + firstContent + "}");
            assertThat(sent.status()).isEqualTo(201);
            assertThat(sent.body().get("sessionId").asText()).isEqualTo(sessionId);
            assertThat(agent.post(messages, "{\"encryptedContent\":" + envelope() + ",\"priority\":\"High\"}")
                            .status())
                    .isEqualTo(201);

            String timeline = "/v1/agent/sessions/" + sessionId + "/timeline";
            forTheViews()
                    .untilAsserted(() -> assertThat(items(agent.get(timeline))).hasSize(2));
            JsonNode firstItem = items(agent.get(timeline)).get(0);
            assertThat(firstItem.get("kind").asText()).isEqualTo("message");
            assertThat(firstItem.get("senderType").asText()).isEqualTo("Agent");
            assertThat(firstItem.get("encryptedContent")).isEqualTo(Json.read(firstContent));
            assertThat(firstItem.get("priority").asText()).isEqualTo("Medium");
            assertThat(firstItem.get("createdAt").asText()).matches(API_TIMESTAMP);

            JsonNode list =
                    agent.get("/v1/agent/sessions?status=Active&pageSize=10").body();
            assertThat(list.get("total").asLong()).isEqualTo(1);
            assertThat(list.get("page").asInt()).isEqualTo(1);
            assertThat(list.get("pageSize").asInt()).isEqualTo(10);
            assertThat(list.at("/data/0/id").asText()).isEqualTo(sessionId);
            assertThat(agent.get("/v1/agent/sessions?pageSize=101").status()).isEqualTo(400);

            Answer closed = agent.post("/v1/agent/sessions/" + sessionId + "/close", "{}");
            assertThat(closed.status()).isEqualTo(200);
            assertThat(closed.body().get("status").asText()).isEqualTo("Closed");
            Answer afterClose = agent.post(messages, "{\"encryptedContent\":" + envelope() + "}");
            assertThat(afterClose.status()).isEqualTo(409);
            assertThat(afterClose.body().at("/error/code").asText()).isEqualTo("CONFLICT");
            forTheViews().untilAsserted(() -> assertThat(
                            items(agent.get(timeline)).at("/2/event").asText())
                    .isEqualTo("session.closed"));

            assertThat(gateway.get("/v1/agent/sessions").status()).isEqualTo(401);
            Answer missing = agent.post(messages, "{}");
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.body())
                    .isEqualTo(Json.read("{\"error\":{\"code\":\"VALIDATION_ERROR\","
                            + "\"message\":\"Field 'encryptedContent' is required\"}}"));
            String unknownSession = "/v1/agent/sessions/" + UUID.randomUUID();
            Answer unknown = agent.get(unknownSession);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.body().at("/error/code").asText()).isEqualTo("NOT_FOUND");
            assertThat(agent.post(unknownSession + "/messages", "{\"encryptedContent\":" + envelope() + "}")
                            .status())
                    .isEqualTo(404);
            assertThat(agent.get(unknownSession + "/timeline").status()).isEqualTo(404);

            // The backends cannot be reached around the gateway.
            Answer direct = Api.at(system.querySideUri()).withKey(key).get("/v1/agent/sessions");
            assertThat(direct.status()).isEqualTo(401);
            assertThat(direct.body().at("/error/code").asText()).isEqualTo("UNAUTHENTICATED");
            assertThat(Api.at(system.commandSideUri())
                            .withKey(key)
                            .post("/v1/agent/sessions", "{}")
                            .status())
                    .isEqualTo(401);

            assertTheLogIsEncryptedAndChained(system, sessionId, title, firstContent);
        }

        try (LedgerloopSystem restarted = LedgerloopSystem.start(data, 0)) {
            Api agent = Api.gateway(restarted).withKey(key);
            Answer session = agent.get("/v1/agent/sessions/" + sessionId);
            assertThat(session.status()).isEqualTo(200);
            assertThat(session.body().get("status").asText()).isEqualTo("Closed");
            assertThat(items(agent.get("/v1/agent/sessions/" + sessionId + "/timeline")))
                    .hasSize(3);

            // It goes on where it stopped: a new session's events are stored, chained and projected as before.
            String second =
                    agent.post("/v1/agent/sessions", "{}").body().get("id").asText();
            String secondMessages = "/v1/agent/sessions/" + second + "/messages";
            assertThat(agent.post(secondMessages, "{\"encryptedContent\":" + envelope() + "}")
                            .status())
                    .isEqualTo(201);
            forTheViews().untilAsserted(() -> assertThat(items(agent.get("/v1/agent/sessions/" + second + "/timeline")))
                    .hasSize(1));
            assertThat(agent.get("/v1/agent/sessions").body().get("total").asLong())
                    .isEqualTo(2);
        }
    }

    private static JsonNode items(Answer timeline) {
        assertThat(timeline.status()).isEqualTo(200);
        return timeline.data();
    }

    private static void assertTheLogIsEncryptedAndChained(
            LedgerloopSystem system, String sessionId, String title, String content) throws Exception {
        List<RecordedEvent> events = EventLog.stream(system, "session-" + sessionId);
        assertThat(events)
                .extracting(RecordedEvent::getEventType)
                .containsExactly("SessionOpened", "MessageSent", "MessageSent", "SessionClosed");
        String titleCiphertext = Json.read(title).get("ciphertext").asText();
        String contentCiphertext = Json.read(content).get("ciphertext").asText();
        for (RecordedEvent event : events) {
            String raw = new String(event.getEventData(), StandardCharsets.ISO_8859_1);
            assertThat(raw).doesNotContain(titleCiphertext, contentCiphertext, "wrappings", "ciphertext");
            String metadata = new String(event.getUserMetadata(), StandardCharsets.UTF_8);
            assertThat(metadata).doesNotContain(titleCiphertext, contentCiphertext);
        }
        assertThat(ChainVerifier.verify(events.stream()
                        .map(event -> new ChainEntry(event.getUserMetadata(), event.getEventData()))
                        .toList()))
                .isEmpty();
    }
}
