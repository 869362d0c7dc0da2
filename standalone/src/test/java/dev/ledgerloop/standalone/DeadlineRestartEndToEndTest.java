package dev.ledgerloop.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deadlines are durable: a question whose deadline passes while the system is down expires after the restart. */
class DeadlineRestartEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENVELOPE = "{\"v\":1,\"alg\":\"X25519-HKDF-SHA256-A256GCM\","
            + "\"ciphertext\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\",\"wrappings\":[{\"kid\":\"me\","
            + "\"epk\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\",\"wrappedKey\":"
            + "\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7\"}]}";

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void a_deadline_that_passes_while_the_system_is_down_expires_the_question_after_the_restart() throws Exception {
        String key;
        String session;
        String question;
        Instant deadline;
        try (LedgerloopSystem system = LedgerloopSystem.start(data, 0)) {
            key = system.secrets().bootstrapKeyOnce();
            String base = "http://localhost:" + system.gatewayPort();
            session = JSON.readTree(post(base + "/v1/agent/sessions", key, "{}").body())
                    .get("id")
                    .asText();
            deadline = Instant.now().plusSeconds(2);
            HttpResponse<String> sent = post(
                    base + "/v1/agent/sessions/" + session + "/messages",
                    key,
                    "{\"encryptedContent\":" + ENVELOPE + ",\"responseRequired\":true,\"deadlineAt\":\"" + deadline
                            + "\"}");
            assertThat(sent.statusCode()).isEqualTo(201);
            question = JSON.readTree(sent.body()).get("id").asText();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(deadline));

        try (LedgerloopSystem restarted = LedgerloopSystem.start(data, 0)) {
            String timeline =
                    "http://localhost:" + restarted.gatewayPort() + "/v1/agent/sessions/" + session + "/timeline";
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode item = JSON.readTree(get(timeline, key).body()).at("/data/0");
                assertThat(item.get("id").asText()).isEqualTo(question);
                assertThat(item.get("status").asText()).isEqualTo("Expired");
            });
        }
    }

    private HttpResponse<String> post(String url, String key, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("X-API-Key", key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url, String key) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("X-API-Key", key)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
