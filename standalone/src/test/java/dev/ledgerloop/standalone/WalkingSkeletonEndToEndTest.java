package dev.ledgerloop.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.eventstore.dbclient.EventStoreDBClient;
import com.eventstore.dbclient.EventStoreDBConnectionString;
import com.eventstore.dbclient.ReadStreamOptions;
import com.eventstore.dbclient.RecordedEvent;
import com.eventstore.dbclient.ResolvedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerloop.events.chain.ChainEntry;
import dev.ledgerloop.events.chain.ChainVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton end to end: the standalone system in-process, driven over real HTTP through the gateway,
 * the raw log checked with the plain EventStoreDB client, and a restart on the same data.
 */
class WalkingSkeletonEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String API_TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void a_message_goes_from_the_api_into_the_encrypted_log_and_back_out_as_a_timeline() throws Exception {
        String key;
        String sessionId;
        String title = envelope();
        String firstContent = envelope();
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            key = system.secrets().bootstrapKeyOnce();
            String base = "http://localhost:" + system.gatewayPort();

            HttpResponse<String> created = post(base + "/v1/agent/sessions", key, "{\"encryptedTitle\":" + title + "}");
            assertThat(created.statusCode()).isEqualTo(201);
            JsonNode session = JSON.readTree(created.body());
            sessionId = session.get("id").asText();
            assertThat(session.get("status").asText()).isEqualTo("Active");
            assertThat(session.get("isPublic").asBoolean()).isFalse();
            assertThat(session.get("encryptedTitle")).isEqualTo(JSON.readTree(title));
            assertThat(session.get("createdAt").asText()).matches(API_TIMESTAMP);

            String messages = base + "/v1/agent/sessions/" + sessionId + "/messages";
            HttpResponse<String> sent = post(messages, key, "{\"encryptedContent\":" + firstContent + "}");
            assertThat(sent.statusCode()).isEqualTo(201);
            assertThat(JSON.readTree(sent.body()).get("sessionId").asText()).isEqualTo(sessionId);
            assertThat(post(messages, key, "{\"encryptedContent\":" + envelope() + ",\"priority\":\"High\"}")
                            .statusCode())
                    .isEqualTo(201);

            String timeline = base + "/v1/agent/sessions/" + sessionId + "/timeline";
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(items(get(timeline, key))).hasSize(2));
            JsonNode firstItem = items(get(timeline, key)).get(0);
            assertThat(firstItem.get("kind").asText()).isEqualTo("message");
            assertThat(firstItem.get("senderType").asText()).isEqualTo("Agent");
            assertThat(firstItem.get("encryptedContent")).isEqualTo(JSON.readTree(firstContent));
            assertThat(firstItem.get("priority").asText()).isEqualTo("Medium");
            assertThat(firstItem.get("createdAt").asText()).matches(API_TIMESTAMP);

            JsonNode list = JSON.readTree(get(base + "/v1/agent/sessions?status=Active&pageSize=10", key)
                    .body());
            assertThat(list.get("total").asLong()).isEqualTo(1);
            assertThat(list.get("page").asInt()).isEqualTo(1);
            assertThat(list.get("pageSize").asInt()).isEqualTo(10);
            assertThat(list.at("/data/0/id").asText()).isEqualTo(sessionId);
            assertThat(get(base + "/v1/agent/sessions?pageSize=101", key).statusCode())
                    .isEqualTo(400);

            HttpResponse<String> closed = post(base + "/v1/agent/sessions/" + sessionId + "/close", key, "{}");
            assertThat(closed.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(closed.body()).get("status").asText()).isEqualTo("Closed");
            HttpResponse<String> afterClose = post(messages, key, "{\"encryptedContent\":" + envelope() + "}");
            assertThat(afterClose.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(afterClose.body()).at("/error/code").asText())
                    .isEqualTo("CONFLICT");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                            items(get(timeline, key)).at("/2/event").asText())
                    .isEqualTo("session.closed"));

            assertThat(get(base + "/v1/agent/sessions", null).statusCode()).isEqualTo(401);
            HttpResponse<String> missing = post(messages, key, "{}");
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(missing.body()))
                    .isEqualTo(JSON.readTree("{\"error\":{\"code\":\"VALIDATION_ERROR\","
                            + "\"message\":\"Field 'encryptedContent' is required\"}}"));
            String unknownSession = base + "/v1/agent/sessions/" + UUID.randomUUID();
            HttpResponse<String> unknown = get(unknownSession, key);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(unknown.body()).at("/error/code").asText()).isEqualTo("NOT_FOUND");
            assertThat(post(unknownSession + "/messages", key, "{\"encryptedContent\":" + envelope() + "}")
                            .statusCode())
                    .isEqualTo(404);
            assertThat(get(unknownSession + "/timeline", key).statusCode()).isEqualTo(404);

            // The backends cannot be reached around the gateway.
            HttpResponse<String> direct = get(system.querySideUri() + "/v1/agent/sessions", key);
            assertThat(direct.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(direct.body()).at("/error/code").asText()).isEqualTo("UNAUTHENTICATED");
            assertThat(post(system.commandSideUri() + "/v1/agent/sessions", key, "{}")
                            .statusCode())
                    .isEqualTo(401);

            assertTheLogIsEncryptedAndChained(system, sessionId, title, firstContent);
        }

        try (LedgerloopSystem restarted = LedgerloopSystem.start(data, 0)) {
            String base = "http://localhost:" + restarted.gatewayPort();
            HttpResponse<String> session = get(base + "/v1/agent/sessions/" + sessionId, key);
            assertThat(session.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(session.body()).get("status").asText()).isEqualTo("Closed");
            assertThat(items(get(base + "/v1/agent/sessions/" + sessionId + "/timeline", key)))
                    .hasSize(3);

            // It goes on where it stopped: a new session's events are stored, chained and projected as before.
            String second = JSON.readTree(
                            post(base + "/v1/agent/sessions", key, "{}").body())
                    .get("id")
                    .asText();
            String secondMessages = base + "/v1/agent/sessions/" + second + "/messages";
            assertThat(post(secondMessages, key, "{\"encryptedContent\":" + envelope() + "}")
                            .statusCode())
                    .isEqualTo(201);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                            items(get(base + "/v1/agent/sessions/" + second + "/timeline", key)))
                    .hasSize(1));
            assertThat(JSON.readTree(get(base + "/v1/agent/sessions", key).body())
                            .get("total")
                            .asLong())
                    .isEqualTo(2);
        }
    }

    private static JsonNode items(HttpResponse<String> timeline) throws Exception {
        assertThat(timeline.statusCode()).isEqualTo(200);
        return JSON.readTree(timeline.body()).get("data");
    }

    private static void assertTheLogIsEncryptedAndChained(
            LedgerloopSystem system, String sessionId, String title, String content) throws Exception {
        EventStoreDBClient client = EventStoreDBClient.create(
                EventStoreDBConnectionString.parseOrThrow(system.eventStoreConnectionString()));
        try {
            List<RecordedEvent> events = client
                    .readStream("session-" + sessionId, ReadStreamOptions.get())
                    .get(10, TimeUnit.SECONDS)
                    .getEvents()
                    .stream()
                    .map(ResolvedEvent::getEvent)
                    .toList();
            assertThat(events)
                    .extracting(RecordedEvent::getEventType)
                    .containsExactly("SessionOpened", "MessageSent", "MessageSent", "SessionClosed");
            String titleCiphertext = JSON.readTree(title).get("ciphertext").asText();
            String contentCiphertext = JSON.readTree(content).get("ciphertext").asText();
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
        } finally {
            client.shutdown();
        }
    }

    private HttpResponse<String> post(String url, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (key != null) {
            request.header("X-API-Key", key);
        }
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
